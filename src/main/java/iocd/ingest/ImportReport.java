package iocd.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Outcome of one import.
 *
 * <p>{@code read} counts values, not lines: every value ends as exactly one of stored (added, updated or
 * unchanged), rejected or skipped, so {@code read = added + updated + unchanged + rejected + skipped}. A record
 * carrying several values, such as a STIX pattern joined by {@code OR} or a MISP {@code domain|ip}, counts once
 * per value.
 *
 * @param file       the file name, or the name given for a stream
 * @param format     the format read, given or detected
 * @param read       values read
 * @param added      IOCs stored for the first time
 * @param updated    values that changed a stored IOC materially, including a repeat in the input that changed an
 *                   IOC this import added
 * @param unchanged  values of IOCs already stored as they are
 * @param rejected   values that could not be used
 * @param skipped    records of kinds iocd does not import (STIX relationships, MISP comments, ...)
 * @param rejections the first rejections, each with its line or record and its reason
 * @param elapsed    wall-clock time of the import
 * @param failure    why the import stopped before the end of the input, or null when it read everything. IOCs
 *                   of batches merged before the stop stay stored; a batch is stored whole or not at all
 */
public record ImportReport(String file, Format format, long read, long added, long updated, long unchanged,
        long rejected, long skipped, List<Rejection> rejections, Duration elapsed, @Nullable String failure) {

    public ImportReport {
        rejections = List.copyOf(rejections);
    }

    /** True when the whole input was read. */
    public boolean completed() {
        return failure == null;
    }

    /** Multi-line summary for the command line: counts, time, the kept rejections and the failure if any. */
    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%s (%s): read %d, new %d, updated %d, unchanged %d, rejected %d, skipped %d in %.1f s",
                file, format.formatName(), read, added, updated, unchanged, rejected, skipped,
                elapsed.toMillis() / 1000.0));
        if (!rejections.isEmpty()) {
            text.append(String.format(Locale.ROOT, "%nrejected%s:",
                    rejections.size() < rejected ? " (first " + rejections.size() + ")" : ""));
            for (Rejection rejection : rejections) {
                text.append(System.lineSeparator()).append("  ").append(rejection);
            }
        }
        if (failure != null) {
            text.append(String.format(Locale.ROOT, "%nstopped early: %s", failure));
        }
        return text.toString();
    }
}
