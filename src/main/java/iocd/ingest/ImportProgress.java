package iocd.ingest;

import java.time.Duration;

/**
 * Counts so far of a running import. Values still waiting in the current batch are read but not yet stored.
 *
 * @param read      values read: accepted, rejected and skipped
 * @param added     IOCs stored for the first time
 * @param updated   IOCs that got a new version
 * @param unchanged IOCs already stored as they are
 * @param rejected  values rejected
 * @param skipped   records skipped because iocd does not import their kind
 * @param elapsed   time since the import started
 */
public record ImportProgress(long read, long added, long updated, long unchanged, long rejected, long skipped,
        Duration elapsed) {
}
