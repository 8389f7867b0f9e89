package iocd.store;

import java.util.List;

/**
 * Outcome of merging one batch, in input order.
 *
 * @param outcomes one entry per input IOC
 */
public record MergeResult(List<Item> outcomes) {
    public MergeResult {
        outcomes = List.copyOf(outcomes);
    }

    public long count(Outcome outcome) {
        return outcomes.stream().filter(item -> item.outcome() == outcome).count();
    }

    /** What merging did to one IOC. */
    public enum Outcome {
        /** Stored for the first time: version 1. */
        NEW,
        /** A material change: a new version. */
        UPDATED,
        /** Nothing material changed; non-material fields such as last seen may have moved. */
        UNCHANGED
    }

    /**
     * @param outcome what happened
     * @param current the IOC's current version after the merge
     */
    public record Item(Outcome outcome, StoredIoc current) {
    }
}
