package iocd.store;

import iocd.ioc.IocType;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Current versions ordered by {@code (modified, id)} ascending: the bundle endpoint's query.
 *
 * @param types      types to include; empty means all
 * @param since      lowest {@code modified} included
 * @param after      keyset cursor: only rows strictly after this {@code (modified, id)}, or null for the start
 * @param visibility lookback and TLP clearance of the reader
 * @param limit      maximum rows returned, at least 1
 */
public record ModifiedQuery(Set<IocType> types, Instant since, @Nullable Cursor after, Visibility visibility,
        int limit) {

    public ModifiedQuery {
        types = Set.copyOf(types);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }

    /** Position after the row with this {@code modified} and id. */
    public record Cursor(Instant modified, UUID id) {
    }
}
