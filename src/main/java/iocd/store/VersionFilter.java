package iocd.store;

import java.time.Instant;
import java.util.Set;

/**
 * Which versions of each IOC a TAXII query returns ({@code match[version]}).
 *
 * @param all   every version; when set the other fields are ignored
 * @param first the first version
 * @param last  the current version
 * @param exact versions whose {@code modified} equals one of these
 */
public record VersionFilter(boolean all, boolean first, boolean last, Set<Instant> exact) {
    public static final VersionFilter LAST = new VersionFilter(false, false, true, Set.of());
    public static final VersionFilter ALL = new VersionFilter(true, false, false, Set.of());

    public VersionFilter {
        exact = Set.copyOf(exact);
    }
}
