package iocd.store;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
        UNCHANGED,
        /**
         * Not stored because of the writer's TLP clearance; see {@link IocStore#merge(List, Visibility)}. Nothing
         * of the item was written and the stored IOC, if any, is left as it was.
         */
        REJECTED
    }

    /**
     * @param outcome what happened
     * @param current the IOC's current version after the merge, or null when the item was {@link Outcome#REJECTED}
     *                (the writer may not learn the stored state)
     * @param reason  why the item was rejected, safe to show to the writer, or null for every other outcome
     */
    public record Item(Outcome outcome, @Nullable StoredIoc current, @Nullable String reason) {
        public Item {
            boolean rejected = outcome == Outcome.REJECTED;
            if (rejected != (current == null) || rejected != (reason != null)) {
                throw new IllegalArgumentException("a rejected item has a reason and no current version; "
                        + "any other outcome has a current version and no reason, got " + outcome);
            }
        }

        /** Creates the item of an IOC that was stored or left unchanged. */
        public Item(Outcome outcome, StoredIoc current) {
            this(outcome, Objects.requireNonNull(current, "current"), null);
        }

        /** Creates the item of an IOC rejected for the writer's clearance. */
        static Item rejected(String reason) {
            return new Item(Outcome.REJECTED, null, reason);
        }
    }
}
