package iocd.auth;

import java.util.Optional;

/** Permissions a plan grants. The wire names appear in error messages and in plan configuration. */
public enum Scope {
    READ_IOCS("read:iocs"),
    READ_STIX("read:stix"),
    READ_TAXII("read:taxii"),
    WRITE_IOCS("write:iocs"),
    ADMIN("admin");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        for (Scope scope : values()) {
            if (scope.wireName.equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
