package iocd.taxii;

import iocd.ioc.IocType;
import iocd.store.VersionFilter;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The complete, resolved filter state of a TAXII query, as a continuation token carries it.
 *
 * @param types          IOC types to serve: the collection's types narrowed by {@code match[type]} and
 *                       {@code match[id]}; never empty unless {@code matchesNothing}
 * @param ids            {@code match[id]} (or the object of an object-by-id request); empty means every object
 * @param addedAfter     {@code added_after}, or null
 * @param versions       {@code match[version]}
 * @param matchesNothing true when the filters exclude every object iocd could hold (an unknown STIX type, an id of
 *                       another type, a spec version other than 2.1), so the answer is empty without a query
 */
record TaxiiFilter(Set<IocType> types, Set<StixId> ids, @Nullable Instant addedAfter, VersionFilter versions,
        boolean matchesNothing) {

    TaxiiFilter {
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        ids = Set.copyOf(ids);
        if (types.isEmpty() && !matchesNothing) {
            throw new IllegalArgumentException("a filter that matches something needs at least one type");
        }
    }

    /** Whether a stored version's STIX id passes {@link #ids}; the store matches on the UUID alone. */
    boolean admitsId(String stixId) {
        if (ids.isEmpty()) {
            return true;
        }
        for (StixId id : ids) {
            if (id.toString().equals(stixId)) {
                return true;
            }
        }
        return false;
    }
}
