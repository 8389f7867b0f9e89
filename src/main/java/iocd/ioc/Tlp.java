package iocd.ioc;

import java.util.Locale;
import java.util.Optional;

/**
 * Traffic Light Protocol 2.0 levels, ordered from least to most restrictive, so {@code compareTo} tells which
 * of two levels is stricter.
 */
public enum Tlp {
    CLEAR("clear", "TLP:CLEAR", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"),
    GREEN("green", "TLP:GREEN", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"),
    AMBER("amber", "TLP:AMBER", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"),
    AMBER_STRICT("amber+strict", "TLP:AMBER+STRICT", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"),
    RED("red", "TLP:RED", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

    private final String apiName;
    private final String stixName;
    private final String markingId;

    Tlp(String apiName, String stixName, String markingId) {
        this.apiName = apiName;
        this.stixName = stixName;
        this.markingId = markingId;
    }

    /** Lowercase name used in the API and in the TLP 2.0 extension's {@code tlp_2_0} property. */
    public String apiName() {
        return apiName;
    }

    /** Marking-definition name, for example {@code TLP:AMBER+STRICT}. */
    public String stixName() {
        return stixName;
    }

    /** Id of the OASIS TLP 2.0 marking-definition object for this level. */
    public String markingId() {
        return markingId;
    }

    public Tlp stricter(Tlp other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * Parses a level written as {@code amber+strict}, {@code TLP:AMBER}, {@code amber_strict}, or the TLP 1.0
     * name {@code white} (which maps to CLEAR).
     */
    public static Optional<Tlp> parse(String text) {
        String name = text.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("tlp:")) {
            name = name.substring(4).strip();
        }
        name = name.replace('_', '+').replace(' ', '+');
        if (name.equals("white")) {
            return Optional.of(CLEAR);
        }
        for (Tlp tlp : values()) {
            if (tlp.apiName.equals(name)) {
                return Optional.of(tlp);
            }
        }
        return Optional.empty();
    }

    /** Maps a TLP 1.0 or 2.0 marking-definition id to its level, if it is one of the OASIS ids. */
    public static Optional<Tlp> fromMarkingId(String raw) {
        // STIX identifiers allow upper-case hex; a marking written that way must not lose its level.
        String id = raw.toLowerCase(Locale.ROOT);
        for (Tlp tlp : values()) {
            if (tlp.markingId.equals(id)) {
                return Optional.of(tlp);
            }
        }
        return switch (id) {
            case "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9" -> Optional.of(CLEAR);
            case "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da" -> Optional.of(GREEN);
            case "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82" -> Optional.of(AMBER);
            case "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed" -> Optional.of(RED);
            default -> Optional.empty();
        };
    }
}
