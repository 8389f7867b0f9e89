package iocd.ioc;

import static org.assertj.core.api.Assertions.assertThat;

import iocd.stix.PatternParser;
import iocd.stix.PatternSyntaxException;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random and hostile strings: the normaliser and the pattern parser reject bad input only with their own
 * exception and a reason, never with a runtime exception or an error. A failure prints the seed and the case.
 */
class HostileInputTest {
    private static final long SEED = 0xBADC0DEL;
    private static final int CASES = 3000;
    private static final String[] FRAGMENTS = {"'", "\\", "\"", "--", ";", "/*", "*/", "' OR '1'='1", "%00", "\0",
            "\r\n", "\t", "[.]", "(.)", "[:]", "[@]", "hxxp://", "://", "@", "@@", ":", "::", ".", "..", "/", "%",
            "%zz", "%c3%28", "xn--", "xn--zzzz", "\u202e", "\ufeff", "\ud800", "\udfff", "\uffff", "𝔘", "ä", "İ",
            "\u0130", "ß", "1.2.3.4", "256.1.1.1", "::ffff:1.2.3.4", "2001:db8::1/129", "/33", ":99999", "CVE-",
            "T1", ".001", "a".repeat(300), "9".repeat(40), "=", "[", "]", "AND", "OR", "FOLLOWEDBY", "START",
            "t'", "h'", "b'", "file:hashes.", "ipv4-addr:value", " = ", "\u0000\u0001\u001f\u007f"};

    @Test
    void normalize_hostileStringsRaiseOnlyInvalidIoc() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < CASES; i++) {
            String raw = hostile(random);
            for (IocType type : IocType.values()) {
                assertOnlyInvalidIoc(i, raw, type);
            }
            assertOnlyInvalidIoc(i, raw, null);
        }
    }

    @Test
    void normalize_largeValuesRaiseOnlyInvalidIoc() {
        String[] large = {"a".repeat(100_000), "1.".repeat(50_000), "a.".repeat(50_000) + "com",
                "http://" + "a".repeat(100_000) + ".com/", "x@" + "a".repeat(100_000) + ".com",
                "f".repeat(100_000), ":".repeat(100_000), "[.]".repeat(30_000)};
        for (int i = 0; i < large.length; i++) {
            for (IocType type : IocType.values()) {
                assertOnlyInvalidIoc(i, large[i], type);
            }
            assertOnlyInvalidIoc(i, large[i], null);
        }
    }

    @Test
    void patternParser_hostileStringsRaiseOwnExceptions() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int i = 0; i < CASES; i++) {
            String pattern = random.nextBoolean() ? hostile(random)
                    : "[" + FRAGMENTS[random.nextInt(FRAGMENTS.length)] + hostile(random) + "]";
            try {
                PatternParser.simpleIndicatorValues(pattern);
            } catch (PatternSyntaxException | InvalidIocException e) {
                assertThat(e.getMessage()).as("seed %d case %d", SEED + 1, i).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(String.format(Locale.ROOT, "seed %d case %d: pattern '%s' raised %s",
                        SEED + 1, i, escape(pattern), e), e);
            }
        }
    }

    private static void assertOnlyInvalidIoc(int index, String raw, IocType type) {
        try {
            if (type == null) {
                Normalizer.normalizeDetected(raw);
                Normalizer.detect(raw);
            } else {
                Normalizer.normalize(type, raw);
            }
        } catch (InvalidIocException e) {
            assertThat(e.reason()).as("seed %d case %d type %s: reason for '%s'", SEED, index, type, escape(raw))
                    .isNotBlank();
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(String.format(Locale.ROOT, "seed %d case %d type %s: '%s' raised %s", SEED,
                    index, type, escape(raw), e), e);
        }
    }

    private static String hostile(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(8);
        for (int p = 0; p < parts; p++) {
            switch (random.nextInt(4)) {
                case 0 -> text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 1 -> text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
                case 2 -> text.append((char) random.nextInt(0x10000));
                default -> {
                    int length = random.nextInt(12);
                    for (int i = 0; i < length; i++) {
                        text.append((char) (0x20 + random.nextInt(0x5f)));
                    }
                }
            }
        }
        return text.toString();
    }

    private static String escape(String text) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        StringBuilder out = new StringBuilder();
        shown.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format(Locale.ROOT, "\\u%04x", c)
                : String.valueOf((char) c)));
        return out.toString();
    }
}
