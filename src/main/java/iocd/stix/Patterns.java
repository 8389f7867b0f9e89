package iocd.stix;

import iocd.ioc.IocType;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds the STIX 2.1 pattern of an indicator from a canonical IOC value: one observation expression with one
 * equality comparison, for example {@code [ipv4-addr:value = '198.51.100.7']}.
 *
 * <p>Hash keys are always single-quoted ({@code file:hashes.'MD5'}, {@code file:hashes.'SHA-256'}). STIX requires
 * the quotes for keys containing {@code -} and allows them for {@code MD5}, so one spelling serves all four.
 */
public final class Patterns {
    private Patterns() {
    }

    /**
     * Returns the pattern for a value of one of the nine indicator types. The value is expected in canonical form
     * already, so it is only escaped, never changed.
     *
     * @throws IllegalArgumentException for {@code cve} and {@code mitre_attack}, which are published as
     *                                  vulnerability and attack-pattern objects, not as patterns
     */
    public static String build(IocType type, String canonicalValue) {
        Objects.requireNonNull(canonicalValue, "canonicalValue");
        return "[" + objectPath(type) + " = " + literal(canonicalValue) + "]";
    }

    /**
     * Returns {@code text} as a STIX pattern string literal: wrapped in single quotes, with {@code \} written as
     * {@code \\} and {@code '} as {@code \'}. The grammar defines no other escape, so every other character,
     * including newlines and non-ASCII letters, stays as it is.
     */
    public static String literal(String text) {
        // Backslashes first, so the backslashes added for quotes are not doubled again.
        String escaped = text.replace("\\", "\\\\").replace("'", "\\'");
        return "'" + escaped + "'";
    }

    private static String objectPath(IocType type) {
        return switch (type) {
            case IPV4 -> "ipv4-addr:value";
            case IPV6 -> "ipv6-addr:value";
            case DOMAIN -> "domain-name:value";
            case URL -> "url:value";
            case EMAIL -> "email-addr:value";
            case MD5 -> "file:hashes.'MD5'";
            case SHA1 -> "file:hashes.'SHA-1'";
            case SHA256 -> "file:hashes.'SHA-256'";
            case SHA512 -> "file:hashes.'SHA-512'";
            case CVE, MITRE_ATTACK -> throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "IOC type %s has no STIX pattern: it is published as a %s object, not as an indicator",
                    type.apiName(), type.stixType()));
        };
    }
}
