package iocd.taxii;

import iocd.ioc.IocType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A STIX identifier {@code <type>--<uuid>} of one of the three object types iocd publishes.
 *
 * @param stixType {@code indicator}, {@code vulnerability} or {@code attack-pattern}
 * @param uuid     the IOC's id
 */
record StixId(String stixType, UUID uuid) {
    /** The object types iocd publishes, in the order continuation tokens number them. */
    static final java.util.List<String> TYPES = java.util.List.of("indicator", "vulnerability", "attack-pattern");

    private static final Pattern SHAPE = Pattern.compile("([a-z0-9][a-z0-9-]{0,249})--"
            + "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    StixId {
        if (!TYPES.contains(stixType)) {
            throw new IllegalArgumentException("not a type iocd publishes: " + stixType);
        }
    }

    /**
     * Reads an identifier.
     *
     * @return empty when the text is not shaped like a STIX id at all
     */
    static Optional<Parsed> parse(String text) {
        Matcher matcher = SHAPE.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String type = matcher.group(1);
        UUID uuid = UUID.fromString(matcher.group(2).toLowerCase(Locale.ROOT));
        return Optional.of(TYPES.contains(type) ? new Parsed(Optional.of(new StixId(type, uuid)))
                : new Parsed(Optional.empty()));
    }

    /** IOC types published under this id's STIX type. */
    Set<IocType> iocTypes() {
        Set<IocType> types = EnumSet.noneOf(IocType.class);
        for (IocType type : IocType.values()) {
            if (type.stixType().equals(stixType)) {
                types.add(type);
            }
        }
        return types;
    }

    int typeIndex() {
        return TYPES.indexOf(stixType);
    }

    @Override
    public String toString() {
        return stixType + "--" + uuid;
    }

    /**
     * A well-formed STIX id.
     *
     * @param published the id when its type is one iocd publishes, else empty (it can match nothing here)
     */
    record Parsed(Optional<StixId> published) {
    }
}
