package iocd.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iocd.ioc.IocType;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PatternsTest {
    /** The StringLiteral rule of the STIX 2.1 pattern grammar: only \' and \\ are escapes. */
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\'|\\\\\\\\)*'");

    static Stream<Arguments> literals() {
        return Stream.of(
                Arguments.of("plain", "198.51.100.7", "'198.51.100.7'"),
                Arguments.of("single quote", "http://x.example/it's", "'http://x.example/it\\'s'"),
                Arguments.of("quote and parenthesis", "x') OR [url:value = 'y", "'x\\') OR [url:value = \\'y'"),
                Arguments.of("backslash", "a\\b", "'a\\\\b'"),
                Arguments.of("trailing backslash", "abc\\", "'abc\\\\'"),
                Arguments.of("backslash before quote", "a\\'b", "'a\\\\\\'b'"),
                Arguments.of("windows path", "C:\\Windows\\System32\\evil.exe",
                        "'C:\\\\Windows\\\\System32\\\\evil.exe'"),
                Arguments.of("unicode kept", "http://bücher.example/ü/日本", "'http://bücher.example/ü/日本'"),
                Arguments.of("emoji kept", "http://example.com/\uD83D\uDE00", "'http://example.com/\uD83D\uDE00'"),
                Arguments.of("raw newline kept", "a\nb\tc", "'a\nb\tc'"),
                Arguments.of("empty", "", "''"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("literals")
    void literal_escapesBackslashThenQuote(String caseName, String value, String expected) {
        assertThat(Patterns.literal(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("literals")
    void literal_matchesGrammar(String caseName, String value, String expected) {
        assertThat(STRING_LITERAL.matcher(Patterns.literal(value)).matches()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("literals")
    void literal_unescapesToOriginal(String caseName, String value, String expected) {
        String literal = Patterns.literal(value);
        String unescaped = literal.substring(1, literal.length() - 1).replaceAll("\\\\(['\\\\])", "$1");

        assertThat(unescaped).isEqualTo(value);
    }

    static Stream<Arguments> patterns() {
        return Stream.of(
                Arguments.of(IocType.IPV4, "198.51.100.0/24", "[ipv4-addr:value = '198.51.100.0/24']"),
                Arguments.of(IocType.IPV6, "2001:db8::1", "[ipv6-addr:value = '2001:db8::1']"),
                Arguments.of(IocType.DOMAIN, "evil.example.com", "[domain-name:value = 'evil.example.com']"),
                Arguments.of(IocType.URL, "http://example.com/it's", "[url:value = 'http://example.com/it\\'s']"),
                Arguments.of(IocType.EMAIL, "bad@example.org", "[email-addr:value = 'bad@example.org']"),
                Arguments.of(IocType.MD5, "79054025255fb1a26e4bc422aef54eb4",
                        "[file:hashes.'MD5' = '79054025255fb1a26e4bc422aef54eb4']"),
                Arguments.of(IocType.SHA1, "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
                        "[file:hashes.'SHA-1' = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12']"),
                Arguments.of(IocType.SHA256, "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f",
                        "[file:hashes.'SHA-256' = "
                                + "'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']"),
                Arguments.of(IocType.SHA512, "a".repeat(128), "[file:hashes.'SHA-512' = '" + "a".repeat(128) + "']"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void build_writesOneComparison(IocType type, String value, String expected) {
        assertThat(Patterns.build(type, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(value = IocType.class, names = {"CVE", "MITRE_ATTACK"})
    void build_rejectsNonObservableTypes(IocType type) {
        assertThatThrownBy(() -> Patterns.build(type, "CVE-2021-44228"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(type.apiName())
                .hasMessageContaining(type.stixType());
    }

    @Test
    void build_coversEveryIndicatorType() {
        for (IocType type : IocType.values()) {
            if (type.isIndicator()) {
                assertThat(Patterns.build(type, "x")).as(type.apiName()).startsWith("[").endsWith(" = 'x']");
            }
        }
    }
}
