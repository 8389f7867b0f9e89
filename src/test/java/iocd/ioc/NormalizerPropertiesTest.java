package iocd.ioc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NormalizerPropertiesTest {

    @Property(tries = 2000)
    void normalize_anyStringThrowsOnlyInvalidIoc(@ForAll String raw, @ForAll IocType type) {
        assertOnlyInvalidIocEscapes(() -> Normalizer.normalize(type, raw));
        assertOnlyInvalidIocEscapes(() -> Normalizer.normalizeDetected(raw));
        assertOnlyInvalidIocEscapes(() -> Normalizer.detect(raw));
        assertOnlyInvalidIocEscapes(() -> Normalizer.hashTypeFromKey(raw));
    }

    @Property(tries = 3000)
    void normalize_iocLikeStringThrowsOnlyInvalidIoc(@ForAll("iocLike") String raw, @ForAll IocType type) {
        assertOnlyInvalidIocEscapes(() -> Normalizer.normalize(type, raw));
        assertOnlyInvalidIocEscapes(() -> Normalizer.normalizeDetected(raw));
    }

    @Property(tries = 1000)
    void normalize_detectedCanonicalValueIsStable(@ForAll("iocLike") String raw) {
        NormalizedValue first;
        try {
            first = Normalizer.normalizeDetected(raw);
        } catch (InvalidIocException e) {
            return;
        }
        assertThat(Normalizer.normalize(first.type(), first.value()).value()).isEqualTo(first.value());
    }

    @Property
    void normalize_ipv4IsIdempotent(@ForAll("ipv4") String raw) {
        assertIdempotent(IocType.IPV4, raw);
    }

    @Property
    void normalize_ipv6IsIdempotent(@ForAll("ipv6") String raw) {
        assertIdempotent(IocType.IPV6, raw);
    }

    @Property
    void normalize_domainIsIdempotent(@ForAll("domain") String raw) {
        assertIdempotent(IocType.DOMAIN, raw);
    }

    @Property
    void normalize_urlIsIdempotent(@ForAll("domain") String host, @ForAll("urlPath") String path) {
        assertIdempotent(IocType.URL, "hxxps://" + host + "/" + path);
    }

    @Property
    void normalize_hashIsIdempotent(@ForAll("hash") String raw) {
        IocType type = Normalizer.detect(raw).orElseThrow();

        assertThat(type.isHash()).isTrue();
        assertIdempotent(type, raw);
    }

    @Property
    void detect_agreesWithNormalizeForIpv4(@ForAll("ipv4") String raw) {
        assertThat(Normalizer.detect(raw)).contains(IocType.IPV4);
    }

    @Property
    void detect_agreesWithNormalizeForIpv6(@ForAll("ipv6") String raw) {
        assertThat(Normalizer.detect(raw)).contains(IocType.IPV6);
    }

    private static void assertIdempotent(IocType type, String raw) {
        String canonical = Normalizer.normalize(type, raw).value();

        assertThat(Normalizer.normalize(type, canonical).value()).isEqualTo(canonical);
    }

    private static void assertOnlyInvalidIocEscapes(Runnable call) {
        try {
            call.run();
        } catch (InvalidIocException expected) {
            // The one exception the contract allows.
        }
    }

    @Provide
    Arbitrary<String> iocLike() {
        Arbitrary<String> fragment = Arbitraries.of(".", ":", "::", "/", "[.]", "(.)", "[:]", "[://]", "@", "[at]",
                "%", "\\", "'", "\"", "<", ">", "{", "}", "')", " ", "\0", "\u0007", "\uD800", "\uDC00", "ü", "例",
                "xn--", "-", "_", "hxxp", "http://", "hxxps:/", "mailto:", "CVE-", "T", "0", "01", "255", "256",
                "65535", "ffff", "ffff:", "1:", "1.", "dead", "example", "com", "/24", "/0", "/128", "C:", "A", "f", "9", "...");
        return fragment.list().ofMaxSize(24).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> ipv4() {
        Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
        Arbitrary<String> suffix = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.integers().between(1, 32).map(prefix -> "/" + prefix),
                Arbitraries.integers().between(1, 65535).map(port -> ":" + port));
        return Combinators.combine(octet.list().ofSize(4), suffix)
                .as((octets, end) -> octets.get(0) + "." + octets.get(1) + "." + octets.get(2) + "." + octets.get(3)
                        + end);
    }

    @Provide
    Arbitrary<String> ipv6() {
        Arbitrary<Integer> group = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 0xFFFF));
        Arbitrary<Boolean> upper = Arbitraries.of(true, false);
        Arbitrary<Boolean> padded = Arbitraries.of(true, false);
        Arbitrary<String> suffix = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.integers().between(1, 128).map(prefix -> "/" + prefix));
        return Combinators.combine(group.list().ofSize(8), upper, padded, suffix)
                .as((groups, up, pad, end) -> {
                    StringBuilder out = new StringBuilder();
                    for (int value : groups) {
                        if (!out.isEmpty()) {
                            out.append(':');
                        }
                        String hex = pad ? String.format(Locale.ROOT, "%04x", value) : Integer.toHexString(value);
                        out.append(up ? hex.toUpperCase(Locale.ROOT) : hex);
                    }
                    return out + end;
                });
    }

    @Provide
    Arbitrary<String> domain() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> unicodeLabel = Arbitraries.strings().withChars("abcüöäéñ例え").ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> tld = Arbitraries.of("com", "org", "example", "TEST", "xn--zckzah", "テスト");
        return Combinators.combine(Arbitraries.oneOf(label, unicodeLabel).list().ofMinSize(1).ofMaxSize(4), tld)
                .as((labels, top) -> String.join(".", labels) + "." + top);
    }

    @Provide
    Arbitrary<String> urlPath() {
        return Arbitraries.strings().withChars("abc/?#=&%'\"\\{}()[]ü ").ofMaxLength(30);
    }

    @Provide
    Arbitrary<String> hash() {
        Arbitrary<Integer> length = Arbitraries.of(List.of(32, 40, 64, 128));
        return length.flatMap(size -> Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(size));
    }
}
