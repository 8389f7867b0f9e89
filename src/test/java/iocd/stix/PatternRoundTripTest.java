package iocd.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import iocd.ioc.InvalidIocException;
import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import iocd.ioc.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded random round trips: every value the normaliser accepts, written as a pattern by {@link Patterns#build},
 * parses back with {@link PatternParser} to the same type and canonical value. A failure prints the seed and the
 * input so the case can be replayed.
 */
class PatternRoundTripTest {
    private static final long SEED = 0x10CDL;
    private static final int CASES = 2000;
    private static final String HEX = "0123456789abcdefABCDEF";
    private static final String LABEL = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String URL_PATH = "abcXYZ019-._~!$&'()*+,;=:@/%?#\\ \"<>{}|^`éü中\u00a0";
    private static final String EMAIL_LOCAL = "abcxyz019.!#$%&'*+/=?^_`{|}~-";

    @ParameterizedTest
    @EnumSource(value = IocType.class, names = {"CVE", "MITRE_ATTACK"}, mode = EnumSource.Mode.EXCLUDE)
    void build_thenParse_returnsCanonicalValue(IocType type) {
        SplittableRandom random = new SplittableRandom(SEED + type.ordinal());
        Function<SplittableRandom, String> generator = generator(type);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            String raw = generator.apply(random);
            NormalizedValue normalized;
            try {
                normalized = Normalizer.normalize(type, raw);
            } catch (InvalidIocException e) {
                continue;
            }
            accepted++;
            String pattern = Patterns.build(type, normalized.value());
            List<NormalizedValue> parsed;
            try {
                parsed = PatternParser.simpleIndicatorValues(pattern);
            } catch (RuntimeException e) {
                throw new AssertionError(String.format(Locale.ROOT, "seed %d case %d: raw '%s' -> pattern %s failed",
                        SEED + type.ordinal(), i, raw, pattern), e);
            }
            if (parsed.size() != 1 || parsed.get(0).type() != type
                    || !parsed.get(0).value().equals(normalized.value())) {
                fail(String.format(Locale.ROOT, "seed %d case %d: raw '%s' canonical '%s' pattern %s parsed as %s",
                        SEED + type.ordinal(), i, raw, normalized.value(), pattern, parsed));
            }
        }
        // The generators aim at valid values; if most are rejected they test nothing.
        assertThat(accepted).as("accepted values of %s", type).isGreaterThan(CASES / 2);
    }

    private static Function<SplittableRandom, String> generator(IocType type) {
        return switch (type) {
            case IPV4 -> PatternRoundTripTest::ipv4;
            case IPV6 -> PatternRoundTripTest::ipv6;
            case DOMAIN -> PatternRoundTripTest::domain;
            case URL -> PatternRoundTripTest::url;
            case EMAIL -> PatternRoundTripTest::email;
            case MD5 -> random -> hash(random, 32);
            case SHA1 -> random -> hash(random, 40);
            case SHA256 -> random -> hash(random, 64);
            case SHA512 -> random -> hash(random, 128);
            case CVE, MITRE_ATTACK -> throw new IllegalArgumentException(type + " has no pattern");
        };
    }

    static String ipv4(SplittableRandom random) {
        String dot = pick(random, ".", ".", ".", "[.]", "(.)");
        String address = random.nextInt(256) + dot + random.nextInt(256) + dot + random.nextInt(256) + dot
                + random.nextInt(256);
        return switch (random.nextInt(4)) {
            case 0 -> address + "/" + random.nextInt(33);
            case 1 -> address + ":" + (1 + random.nextInt(65535));
            default -> address;
        };
    }

    static String ipv6(SplittableRandom random) {
        StringBuilder address = new StringBuilder();
        int groups = 8;
        int gapAt = random.nextInt(3) == 0 ? random.nextInt(8) : -1;
        for (int i = 0; i < groups; i++) {
            if (i == gapAt) {
                address.append(i == 0 ? "::" : ":");
                i += random.nextInt(groups - i);
                if (i == groups - 1) {
                    break;
                }
                continue;
            }
            String group = Integer.toHexString(random.nextInt(random.nextBoolean() ? 0x10000 : 0x10));
            address.append(random.nextBoolean() ? group.toUpperCase(Locale.ROOT) : group);
            if (i < groups - 1) {
                address.append(':');
            }
        }
        String text = address.toString();
        return random.nextInt(4) == 0 ? text + "/" + random.nextInt(129) : text;
    }

    static String domain(SplittableRandom random) {
        int labels = 1 + random.nextInt(4);
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < labels; i++) {
            name.append(label(random)).append(random.nextInt(5) == 0 ? "[.]" : ".");
        }
        name.append(pick(random, "com", "org", "example", "test", "xn--p1ai", "bücher", "онлайн"));
        if (random.nextInt(6) == 0) {
            name.append('.');
        }
        String text = name.toString();
        return random.nextBoolean() ? text.toUpperCase(Locale.ROOT) : text;
    }

    static String url(SplittableRandom random) {
        String scheme = pick(random, "http", "https", "hxxp", "hxxps", "HTTP", "ftp");
        StringBuilder path = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            path.append(URL_PATH.charAt(random.nextInt(URL_PATH.length())));
        }
        String port = random.nextInt(4) == 0 ? ":" + (1 + random.nextInt(65535)) : "";
        return scheme + "://" + domain(random) + port + "/" + path;
    }

    static String email(SplittableRandom random) {
        StringBuilder local = new StringBuilder();
        int length = 1 + random.nextInt(20);
        for (int i = 0; i < length; i++) {
            local.append(EMAIL_LOCAL.charAt(random.nextInt(EMAIL_LOCAL.length())));
        }
        return local + pick(random, "@", "@", "[@]") + domain(random);
    }

    static String hash(SplittableRandom random, int length) {
        StringBuilder hex = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            hex.append(HEX.charAt(random.nextInt(HEX.length())));
        }
        return random.nextInt(8) == 0 ? "  " + hex + "\n" : hex.toString();
    }

    private static String label(SplittableRandom random) {
        int length = 1 + random.nextInt(15);
        StringBuilder label = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = LABEL.charAt(random.nextInt(LABEL.length()));
            label.append(c);
        }
        if (length > 2 && random.nextInt(4) == 0) {
            label.setCharAt(1 + random.nextInt(length - 2), '-');
        }
        return label.toString();
    }

    private static String pick(SplittableRandom random, String... options) {
        return options[random.nextInt(options.length)];
    }
}
