package iocd.store;

import iocd.ioc.IocType;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Versions ordered by {@code (date_added, seq)} ascending: the TAXII objects, manifest and versions query.
 *
 * @param types      types to include; empty means all
 * @param ids        IOC ids to include; empty means all
 * @param addedAfter only versions whose {@code date_added} is strictly after this, or null
 * @param afterSeq   keyset cursor: only versions with a {@code seq} greater than this (0 for the start)
 * @param versions   which versions of each IOC
 * @param visibility lookback and TLP clearance of the reader
 * @param limit      maximum rows returned, at least 1
 */
public record DateAddedQuery(Set<IocType> types, Set<UUID> ids, @Nullable Instant addedAfter, long afterSeq,
        VersionFilter versions, Visibility visibility, int limit) {

    public DateAddedQuery {
        types = Set.copyOf(types);
        ids = Set.copyOf(ids);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }
}
