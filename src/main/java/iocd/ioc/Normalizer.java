package iocd.ioc;

import java.util.Optional;

/**
 * Turns raw values into their canonical form per {@link IocType}: refangs, trims, lowercases where the type
 * is case-insensitive, converts IDN to punycode, splits {@code address:port}, and rejects what breaks the rules.
 * Thread-safe and stateless.
 */
public final class Normalizer {
    private Normalizer() {
    }

    /**
     * Normalises a raw value as the given type.
     *
     * @throws InvalidIocException when the value breaks the type's rules; the exception names value and rule
     */
    public static NormalizedValue normalize(IocType type, String raw) {
        throw new UnsupportedOperationException("TODO: normaliser not written yet");
    }

    /** Detects the type of a raw value from its shape and normalises it. */
    public static NormalizedValue normalizeDetected(String raw) {
        throw new UnsupportedOperationException("TODO: normaliser not written yet");
    }

    /** Detects the type of a raw value from its shape, after refanging, or empty when no type fits. */
    public static Optional<IocType> detect(String raw) {
        throw new UnsupportedOperationException("TODO: normaliser not written yet");
    }

    /** Parses a hash-key spelling ({@code SHA256}, {@code sha-256}, {@code SHA-256}) to its hash type. */
    public static Optional<IocType> hashTypeFromKey(String key) {
        throw new UnsupportedOperationException("TODO: normaliser not written yet");
    }
}
