package iocd.ioc;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns raw values into their canonical form per {@link IocType}: refangs, trims, lowercases where the type
 * is case-insensitive, converts IDN to punycode, splits {@code address:port}, and rejects what breaks the rules.
 * Thread-safe and stateless. No method resolves names or addresses over the network.
 *
 * <p>Every method throws only {@link InvalidIocException}, whatever the input: null, empty, oversized (more than
 * 8192 characters), or containing control characters, NUL or unpaired surrogates.
 */
public final class Normalizer {
    private static final Pattern IPV4_SHAPE = Pattern.compile("[0-9]{1,4}(\\.[0-9]{1,4}){3}(/[0-9]+)?(:[0-9]+)?");
    private static final Pattern IPV6_SHAPE =
            Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[^\\]/]*)?]?(/[0-9]+|:[0-9]+)?");
    private static final Pattern URL_SHAPE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:/");

    private Normalizer() {
    }

    /**
     * Normalises a raw value as the given type.
     *
     * @throws InvalidIocException when the value breaks the type's rules; the exception names value and rule
     */
    public static NormalizedValue normalize(IocType type, String raw) {
        if (raw == null || type == null) {
            throw new InvalidIocException(String.valueOf(raw), type, "value and type are required");
        }
        String value = Refanger.clean(raw, type);
        return switch (type) {
            case IPV4 -> IpNormalizer.ipv4(raw, value);
            case IPV6 -> IpNormalizer.ipv6(raw, value.toLowerCase(Locale.ROOT));
            case DOMAIN -> DomainNormalizer.normalize(raw, value, IocType.DOMAIN);
            case URL -> UrlNormalizer.normalize(raw, value);
            case MD5, SHA1, SHA256, SHA512 -> IdentifierNormalizer.hash(raw, value, type);
            case EMAIL -> EmailNormalizer.normalize(raw, value);
            case CVE -> IdentifierNormalizer.cve(raw, value);
            case MITRE_ATTACK -> IdentifierNormalizer.technique(raw, value);
        };
    }

    /**
     * Detects the type of a raw value from its shape and normalises it.
     *
     * @throws InvalidIocException when no type matches the shape, or when the value breaks the detected type's rules
     */
    public static NormalizedValue normalizeDetected(String raw) {
        Optional<IocType> type = detect(raw);
        if (type.isEmpty()) {
            if (raw != null) {
                // An empty or oversized value, or a NUL or control character in it, is the clearer reason.
                Refanger.clean(raw, null);
            }
            throw new InvalidIocException(Refanger.printable(String.valueOf(raw)), null,
                    "no IOC type matches the shape of this value; pass the type explicitly");
        }
        return normalize(type.get(), raw);
    }

    /**
     * Detects the type of a raw value from its shape, after refanging, or empty when no type fits. The shape decides:
     * a value shaped like an IP address is reported as such even when an octet is out of range, so that
     * {@link #normalizeDetected} rejects it with the precise reason. A value like {@code evil.example.com/path} is
     * a URL, which {@link #normalize} completes with {@code http://}.
     */
    public static Optional<IocType> detect(String raw) {
        if (raw == null || raw.length() > Refanger.MAX_LENGTH) {
            return Optional.empty();
        }
        String value = Refanger.cleanQuietly(raw);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(detectShape(value));
    }

    private static @Nullable IocType detectShape(String value) {
        if (IdentifierNormalizer.isHex(value)) {
            return hashTypeOfLength(value.length());
        }
        if (IdentifierNormalizer.looksLikeCve(value)) {
            return IocType.CVE;
        }
        if (IdentifierNormalizer.TECHNIQUE.matcher(value).matches()) {
            return IocType.MITRE_ATTACK;
        }
        if (URL_SHAPE.matcher(value).find()) {
            return IocType.URL;
        }
        if (IPV4_SHAPE.matcher(value).matches()) {
            return IocType.IPV4;
        }
        if (IPV6_SHAPE.matcher(value).matches()) {
            return IocType.IPV6;
        }
        if (value.indexOf('@') > 0 && value.indexOf('/') < 0 || value.regionMatches(true, 0, "mailto:", 0, 7)) {
            return IocType.EMAIL;
        }
        if (UrlNormalizer.isSchemeless(value)) {
            return IocType.URL;
        }
        return DomainNormalizer.isValid(value) ? IocType.DOMAIN : null;
    }

    private static @Nullable IocType hashTypeOfLength(int length) {
        return switch (length) {
            case 32 -> IocType.MD5;
            case 40 -> IocType.SHA1;
            case 64 -> IocType.SHA256;
            case 128 -> IocType.SHA512;
            default -> null;
        };
    }

    /**
     * Parses a hash-key spelling to its hash type: case, {@code -}, {@code _}, blanks, surrounding quotes and a
     * {@code hash} suffix are ignored, so {@code SHA256}, {@code sha-256}, {@code 'SHA-256'} and {@code sha256_hash}
     * all give {@link IocType#SHA256}.
     */
    public static Optional<IocType> hashTypeFromKey(String key) {
        if (key == null || key.length() > 64) {
            return Optional.empty();
        }
        String name = Refanger.unwrap(key).toLowerCase(Locale.ROOT).replaceAll("[-_\\s]", "");
        if (name.endsWith("hash")) {
            name = name.substring(0, name.length() - 4);
        }
        return switch (name) {
            case "md5" -> Optional.of(IocType.MD5);
            case "sha1" -> Optional.of(IocType.SHA1);
            case "sha256" -> Optional.of(IocType.SHA256);
            case "sha512" -> Optional.of(IocType.SHA512);
            default -> Optional.empty();
        };
    }

    /** Builds the rejection for a raw value, with control characters masked so the message is safe to log. */
    static InvalidIocException invalid(String raw, @Nullable IocType type, String reason) {
        return new InvalidIocException(Refanger.printable(raw), type, reason);
    }
}
