package iocd.ioc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Properties of the normaliser over seeded random input: only {@link InvalidIocException} escapes, and canonical
 * values normalise to themselves. A failure message carries the seed and case number to replay it.
 */
class NormalizerPropertiesTest {
    private static final long SEED = 0x10CDL;
    private static final List<String> FRAGMENTS = List.of(".", ":", "::", "/", "[.]", "(.)", "[:]", "[://]", "@",
            "[at]", "%", "\\", "'", "\"", "<", ">", "{", "}", "')", " ", "\0", "\u0007", "\uD800", "\uDC00", "ü", "例",
            "xn--", "-", "_", "hxxp", "http://", "hxxps:/", "mailto:", "CVE-", "T", "0", "01", "255", "256",
            "65535", "ffff", "ffff:", "1:", "1.", "dead", "example", "com", "/24", "/0", "/128", "C:", "A", "f", "9",
            "...");

    @Test
    void normalize_anyStringThrowsOnlyInvalidIoc() {
        forAll(2000, NormalizerPropertiesTest::anyString, raw -> {
            for (IocType type : IocType.values()) {
                onlyInvalidIocEscapes(() -> Normalizer.normalize(type, raw));
            }
            onlyInvalidIocEscapes(() -> Normalizer.normalizeDetected(raw));
            onlyInvalidIocEscapes(() -> Normalizer.detect(raw));
            onlyInvalidIocEscapes(() -> Normalizer.hashTypeFromKey(raw));
        });
    }

    @Test
    void normalize_iocLikeStringThrowsOnlyInvalidIoc() {
        forAll(3000, NormalizerPropertiesTest::iocLike, raw -> {
            for (IocType type : IocType.values()) {
                onlyInvalidIocEscapes(() -> Normalizer.normalize(type, raw));
            }
            onlyInvalidIocEscapes(() -> Normalizer.normalizeDetected(raw));
        });
    }

    @Test
    void normalize_detectedCanonicalValueIsStable() {
        forAll(2000, NormalizerPropertiesTest::iocLike, raw -> {
            NormalizedValue first;
            try {
                first = Normalizer.normalizeDetected(raw);
            } catch (InvalidIocException e) {
                return;
            }
            assertThat(Normalizer.normalize(first.type(), first.value()).value()).isEqualTo(first.value());
        });
    }

    @Test
    void normalize_ipv4IsIdempotentAndDetected() {
        forAll(1000, NormalizerPropertiesTest::ipv4, raw -> {
            assertIdempotent(IocType.IPV4, raw);
            assertThat(Normalizer.detect(raw)).contains(IocType.IPV4);
        });
    }

    @Test
    void normalize_ipv6IsIdempotentAndDetected() {
        forAll(1000, NormalizerPropertiesTest::ipv6, raw -> {
            assertIdempotent(IocType.IPV6, raw);
            assertThat(Normalizer.detect(raw)).contains(IocType.IPV6);
        });
    }

    @Test
    void normalize_domainIsIdempotent() {
        forAll(1000, NormalizerPropertiesTest::domain, raw -> assertIdempotent(IocType.DOMAIN, raw));
    }

    @Test
    void normalize_urlIsIdempotent() {
        forAll(1000, random -> "hxxps://" + domain(random) + "/" + urlPath(random),
                raw -> assertIdempotent(IocType.URL, raw));
    }

    @Test
    void normalize_hashIsIdempotent() {
        forAll(1000, NormalizerPropertiesTest::hash, raw -> {
            IocType type = Normalizer.detect(raw).orElseThrow();
            assertThat(type.isHash()).isTrue();
            assertIdempotent(type, raw);
        });
    }

    /** Runs {@code check} on {@code cases} generated values; the failure names the seed, case and value. */
    static void forAll(int cases, Function<SplittableRandom, String> generator, Consumer<String> check) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < cases; i++) {
            String value = generator.apply(random);
            try {
                check.accept(value);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(String.format(Locale.ROOT, "seed %d, case %d, value '%s'", SEED, i,
                        value.replace("\0", "\\0")), e);
            }
        }
    }

    private static void assertIdempotent(IocType type, String raw) {
        String canonical = Normalizer.normalize(type, raw).value();

        assertThat(Normalizer.normalize(type, canonical).value()).isEqualTo(canonical);
    }

    private static void onlyInvalidIocEscapes(Runnable call) {
        try {
            call.run();
        } catch (InvalidIocException expected) {
            assertThat(expected.reason()).isNotBlank();
        }
    }

    static String anyString(SplittableRandom random) {
        int length = random.nextInt(40);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            out.append(switch (kind) {
                case 0 -> (char) random.nextInt(0x20, 0x7F);
                case 1 -> (char) random.nextInt(0, 0x20);
                case 2 -> (char) random.nextInt(0x80, 0x3000);
                default -> (char) random.nextInt(0xD800, 0xE000);
            });
        }
        return out.toString();
    }

    static String iocLike(SplittableRandom random) {
        int parts = random.nextInt(25);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            out.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
        }
        return out.toString();
    }

    static String ipv4(SplittableRandom random) {
        String address = random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + random.nextInt(256);
        return switch (random.nextInt(3)) {
            case 0 -> address;
            case 1 -> address + "/" + random.nextInt(1, 33);
            default -> address + ":" + random.nextInt(1, 65536);
        };
    }

    static String ipv6(SplittableRandom random) {
        boolean upper = random.nextBoolean();
        boolean padded = random.nextBoolean();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int value = random.nextInt(3) == 0 ? 0 : random.nextInt(0x10000);
            String hex = padded ? String.format(Locale.ROOT, "%04x", value) : Integer.toHexString(value);
            groups.add(upper ? hex.toUpperCase(Locale.ROOT) : hex);
        }
        String address = String.join(":", groups);
        return random.nextBoolean() ? address : address + "/" + random.nextInt(1, 129);
    }

    static String domain(SplittableRandom random) {
        List<String> tlds = List.of("com", "org", "example", "TEST", "xn--zckzah", "テスト");
        int labels = random.nextInt(1, 5);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < labels; i++) {
            String alphabet = random.nextBoolean()
                    ? "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_" : "abcüöäéñ例え";
            out.append(randomString(random, alphabet, 1, random.nextBoolean() ? 20 : 10)).append('.');
        }
        return out.append(tlds.get(random.nextInt(tlds.size()))).toString();
    }

    static String urlPath(SplittableRandom random) {
        return randomString(random, "abc/?#=&%'\"\\{}()[]ü ", 0, 30);
    }

    static String hash(SplittableRandom random) {
        int[] lengths = {32, 40, 64, 128};
        int length = lengths[random.nextInt(lengths.length)];
        return randomString(random, "0123456789abcdefABCDEF", length, length);
    }

    private static String randomString(SplittableRandom random, String alphabet, int min, int max) {
        int length = min == max ? min : random.nextInt(min, max + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
