package iocd.ingest;

/**
 * Receives progress of a long import, on the importing thread. Calls come every
 * {@link ImportSettings#progressEvery()} values and at least once a second while values arrive, and once at the end.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores every call. */
    ProgressListener NONE = progress -> { };

    void progress(ImportProgress progress);
}
