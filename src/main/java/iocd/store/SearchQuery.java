package iocd.store;

import iocd.ioc.IocType;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * REST search over current versions, ordered by {@code (modified, id)} ascending like {@link ModifiedQuery}.
 *
 * @param types       types to include; empty means all
 * @param value       canonical value to match, or null for any
 * @param valuePrefix true to match values starting with {@code value}, false for exact matches
 * @param tag         a tag the IOC must carry (case-insensitive), or null
 * @param since       lowest {@code modified} included
 * @param after       keyset cursor, or null for the start
 * @param visibility  lookback and TLP clearance of the reader
 * @param limit       maximum rows returned, at least 1
 */
public record SearchQuery(Set<IocType> types, @Nullable String value, boolean valuePrefix, @Nullable String tag,
        Instant since, ModifiedQuery.@Nullable Cursor after, Visibility visibility, int limit) {

    public SearchQuery {
        types = Set.copyOf(types);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }
}
