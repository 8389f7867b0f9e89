package iocd.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iocd.ioc.InvalidIocException;
import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import iocd.stix.PatternParser.Comparison;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternParserTest {
    private static final String SHA256 = "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f";

    @Test
    void parse_readsSingleComparison() {
        assertThat(PatternParser.parse("[ipv4-addr:value = '198.51.100.1']"))
                .containsExactly(new Comparison("ipv4-addr", "value", "=", "198.51.100.1"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            [file:hashes.'SHA-256' = 'ab']       | hashes.'SHA-256' | ab
            [file:hashes.MD5 = 'ab']             | hashes.MD5       | ab
            [file:hashes.'MD5' = 'ab']           | hashes.MD5       | ab
            [file:hashes.'SHA-1'='ab']           | hashes.'SHA-1'   | ab
            [file : hashes . 'SHA-512' = 'ab']   | hashes.'SHA-512' | ab
            [file:extensions.'windows-pebinary-ext'.sections[*].name = 'ab'] | extensions.'windows-pebinary-ext'.sections[*].name | ab
            [network-traffic:protocols[0] = 'ab'] | protocols[0]    | ab
            [file:hashes.'it\\'s' = 'ab']        | hashes.'it\\'s'  | ab
            """)
    void parse_rendersPath(String pattern, String path, String value) {
        Comparison comparison = PatternParser.parse(pattern).get(0);

        assertThat(comparison.path()).isEqualTo(path);
        assertThat(comparison.value()).isEqualTo(value);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            [url:value = 'http://x.example/it\\'s']          | http://x.example/it's
            [url:value = 'C:\\\\Windows\\\\evil.exe']          | C:\\Windows\\evil.exe
            [url:value = 'a\\\\\\'b']                         | a\\'b
            [url:value = '\\\\']                              | \\
            [url:value = '']                                  | ``
            [url:value = ']']                                 | ]
            [url:value = ' OR [x:y = 1]']                     | ` OR [x:y = 1]`
            [url:value = '{}"()%']                            | {}"()%
            [url:value = 'ünï例']                             | ünï例
            """)
    void parse_unescapesStringLiterals(String pattern, String value) {
        assertThat(PatternParser.parse(pattern).get(0).value()).isEqualTo(value);
    }

    @Test
    void parse_keepsRawNewlineInLiteral() {
        assertThat(PatternParser.parse("[url:value = 'a\nb']").get(0).value()).isEqualTo("a\nb");
    }

    @Test
    void parse_readsBooleanOperatorsAndObservations() {
        List<Comparison> comparisons = PatternParser.parse("([file:name = 'a' AND (file:size > 10 OR"
                + " file:size <= -2.5)] OR [ipv4-addr:value != '198.51.100.1']) FOLLOWEDBY"
                + " [domain-name:value == 'example.com'] WITHIN 300 SECONDS");

        assertThat(comparisons).containsExactly(
                new Comparison("file", "name", "=", "a"),
                new Comparison("file", "size", ">", "10"),
                new Comparison("file", "size", "<=", "-2.5"),
                new Comparison("ipv4-addr", "value", "!=", "198.51.100.1"),
                new Comparison("domain-name", "value", "=", "example.com"));
    }

    @Test
    void parse_readsOtherOperatorsAndConstants() {
        List<Comparison> comparisons = PatternParser.parse("[ipv4-addr:value ISSUBSET '198.51.100.0/24'"
                + " OR file:name NOT LIKE 'a%' OR file:name MATCHES '^a\\\\.b$'"
                + " OR file:created < t'2020-01-01T00:00:00Z' OR file:magic_number_hex = h'ffd8'"
                + " OR artifact:payload_bin = b'ABI=' OR file:x <> true OR NOT EXISTS file:y"
                + " OR file:size IN (1, 2)] REPEATS 5 TIMES START t'2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00.5Z'");

        assertThat(comparisons).containsExactly(
                new Comparison("ipv4-addr", "value", "ISSUBSET", "198.51.100.0/24"),
                new Comparison("file", "name", "NOT LIKE", "a%"),
                new Comparison("file", "name", "MATCHES", "^a\\.b$"),
                new Comparison("file", "created", "<", "t'2020-01-01T00:00:00Z'"),
                new Comparison("file", "magic_number_hex", "=", "h'ffd8'"),
                new Comparison("artifact", "payload_bin", "=", "b'ABI='"),
                new Comparison("file", "x", "!=", "true"),
                new Comparison("file", "y", "NOT EXISTS", ""),
                new Comparison("file", "size", "IN", "1"),
                new Comparison("file", "size", "IN", "2"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                                        | 0  | empty
            "   "                                     | 3  | empty
            ipv4-addr:value = '198.51.100.1'          | 0  | expected '['
            [ipv4-addr:value = '198.51.100.1'         | 33 | ']'
            [ipv4-addr:value = '198.51.100.1]         | 19 | not closed
            [ipv4-addr:value = 'a\\nb']               | 21 | invalid escape '\\n'
            [ipv4-addr:value = 'a\\tb']               | 21 | invalid escape
            [ipv4-addr:value = 'a\\u0041']            | 21 | invalid escape
            [ipv4-addr:value = 'a\\"']                | 21 | invalid escape
            [ipv4-addr:value = 'a\\']                 | 19 | not closed
            [file:hashes.SHA-256 = 'ab']              | 13 | must be quoted: 'SHA-256'
            []                                        | 1  | object type
            [:value = 'a']                            | 1  | object type
            [ipv4-addr = 'a']                         | 11 | ':'
            [ipv4-addr: = 'a']                        | 12 | property name
            [ipv4-addr:value 'a']                     | 17 | comparison operator
            [ipv4-addr:value = ]                      | 19 | constant
            [ipv4-addr:value = "a"]                   | 19 | constant
            [ipv4-addr:value = 'a'] [url:value = 'b'] | 24 | after the end
            [ipv4-addr:value = 'a'] OR                | 26 | unexpected end
            [ipv4-addr:value = 'a' OR]                | 25 | object type
            [ipv4-addr:value = 'a'] WITHIN SECONDS    | 31 | number of seconds
            [ipv4-addr:value = 'a'] WITHIN 5          | 32 | SECONDS
            [ipv4-addr:value = 'a'] REPEATS 2.5 TIMES | 33 | TIMES
            [ipv4-addr:value = 'a'] START t'2020' STOP t'2021' | 30 | timestamp
            [file:x = h'abc']                         | 10 | even number
            [file:x = b'@@']                          | 10 | base64
            [file:x LIKE 5]                           | 13 | string literal
            [file:x IN ('a' 'b')]                     | 16 | ')'
            [file:x[a] = 'b']                         | 8  | list index
            [ipv4-addr:value = 'a'] and [url:value = 'b'] | 24 | after the end
            ')                                        | 0  | expected '['
            """)
    void parse_rejectsWithPosition(String pattern, int position, String reasonPart) {
        assertThatThrownBy(() -> PatternParser.parse(pattern))
                .isInstanceOfSatisfying(PatternSyntaxException.class, e -> {
                    assertThat(e.reason()).contains(reasonPart);
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.code()).isEqualTo("invalid_pattern");
                });
    }

    @Test
    void parse_rejectsDeepNesting() {
        String pattern = "(".repeat(10_000) + "[file:name = 'a']" + ")".repeat(10_000);

        assertThatThrownBy(() -> PatternParser.parse(pattern))
                .isInstanceOfSatisfying(PatternSyntaxException.class,
                        e -> assertThat(e.reason()).contains("nesting is deeper"));
    }

    @Test
    void parse_rejectsHugePattern() {
        String pattern = "[url:value = '" + "a".repeat(PatternParser.MAX_LENGTH) + "']";

        assertThatThrownBy(() -> PatternParser.parse(pattern))
                .isInstanceOfSatisfying(PatternSyntaxException.class,
                        e -> assertThat(e.reason()).contains("longer than"));
    }

    @Test
    void parse_masksControlCharactersInMessage() {
        assertThatThrownBy(() -> PatternParser.parse("[url:value = 'a\u001b[31m"))
                .isInstanceOfSatisfying(PatternSyntaxException.class,
                        e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    }

    @Test
    void parse_anyStringThrowsOnlyPatternSyntax() {
        SplittableRandom random = new SplittableRandom(0x5717L);
        String alphabet = "[]():=' \\ANDORINLIKEMATCHES-._'abc0123\u00fc\u0000\uD800";
        for (int i = 0; i < 3000; i++) {
            StringBuilder pattern = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                pattern.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = pattern.toString();
            try {
                PatternParser.parse("[url:value = '" + text + "']");
                PatternParser.parse(text);
            } catch (PatternSyntaxException expected) {
                assertThat(expected.reason()).as("case %d: %s", i, text).isNotBlank();
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            [ipv4-addr:value = '198.51.100.7']          | ipv4   | 198.51.100.7
            [ipv4-addr:value = '198.51.100.7/32']       | ipv4   | 198.51.100.7
            [ipv6-addr:value = '2001:0DB8::0001']       | ipv6   | 2001:db8::1
            [domain-name:value = 'Evil.Example.COM']    | domain | evil.example.com
            [url:value = 'http://Evil.example.com/it\\'s'] | url | http://evil.example.com/it's
            [url:value = 'http://evil.example.com/a\\\\b'] | url | http://evil.example.com/a\\b
            [email-addr:value = 'bad@Example.com']      | email  | bad@example.com
            [file:hashes.MD5 = '79054025255FB1A26E4BC422AEF54EB4'] | md5 | 79054025255fb1a26e4bc422aef54eb4
            [file:hashes.'md5' = '79054025255fb1a26e4bc422aef54eb4'] | md5 | 79054025255fb1a26e4bc422aef54eb4
            [file:hashes.'SHA-1' = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12'] | sha1 | 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12
            [file:hashes.SHA1 = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12'] | sha1 | 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12
            [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f'] | sha256 | aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f
            [file:hashes.SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f'] | sha256 | aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f
            [file:hashes.'sha-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f'] | sha256 | aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f
            """)
    void simpleIndicatorValues_normalisesSingleValue(String pattern, String type, String value) {
        assertThat(PatternParser.simpleIndicatorValues(pattern))
                .containsExactly(NormalizedValue.of(IocType.fromApiName(type).orElseThrow(), value));
    }

    @Test
    void simpleIndicatorValues_acceptsSha512() {
        String sha512 = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

        assertThat(PatternParser.simpleIndicatorValues("[file:hashes.'SHA-512' = '" + sha512 + "']"))
                .containsExactly(NormalizedValue.of(IocType.SHA512, sha512));
    }

    @Test
    void simpleIndicatorValues_readsOrChains() {
        List<NormalizedValue> values = PatternParser.simpleIndicatorValues("[domain-name:value = 'a.example.com'"
                + " OR domain-name:value = 'b.example.com'] OR ([ipv4-addr:value = '198.51.100.7']"
                + " OR [domain-name:value = 'A.example.com'])");

        assertThat(values).containsExactly(
                NormalizedValue.of(IocType.DOMAIN, "a.example.com"),
                NormalizedValue.of(IocType.DOMAIN, "b.example.com"),
                NormalizedValue.of(IocType.IPV4, "198.51.100.7"));
    }

    @Test
    void simpleIndicatorValues_keepsIdnDisplayName() {
        assertThat(PatternParser.simpleIndicatorValues("[domain-name:value = 'xn--bcher-kva.example']").get(0)
                .displayName()).isEqualTo("bücher.example");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            [ipv4-addr:value = '198.51.100.7' AND ipv4-addr:value = '198.51.100.8'] | comparisons joined by AND
            [ipv4-addr:value = '198.51.100.7'] AND [url:value = 'http://a.example/'] | observations joined by AND
            [ipv4-addr:value = '198.51.100.7'] FOLLOWEDBY [url:value = 'http://a.example/'] | FOLLOWEDBY
            [ipv4-addr:value = '198.51.100.7'] WITHIN 60 SECONDS | qualifier WITHIN 60 SECONDS
            [ipv4-addr:value = '198.51.100.7'] REPEATS 2 TIMES | qualifier REPEATS 2 TIMES
            [ipv4-addr:value = '198.51.100.7'] START t'2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z' | qualifier START
            [ipv4-addr:value != '198.51.100.7']          | operator != instead of =
            [ipv4-addr:value NOT = '198.51.100.7']       | operator NOT = instead of =
            [ipv4-addr:value ISSUBSET '198.51.100.0/24'] | operator ISSUBSET
            [domain-name:value LIKE '%.example.com']     | operator LIKE
            [domain-name:value IN ('a.example.com')]     | operator IN
            [file:name = 'evil.exe']                     | path file:name does not name an IOC value
            [file:hashes.'SHA3-256' = 'ab']              | path file:hashes.'SHA3-256'
            [file:hashes.SSDEEP = 'ab']                  | path file:hashes.SSDEEP
            [vulnerability:name = 'CVE-2021-44228']      | path vulnerability:name
            [email-message:from_ref.value = 'a@example.com'] | path email-message:from_ref.value
            [url:value = 5]                              | not a string literal
            [ipv4-addr:value = '198.51.100.7' OR file:name = 'x'] | path file:name
            """)
    void simpleIndicatorValues_rejectsComplexPattern(String pattern, String reasonPart) {
        assertThatThrownBy(() -> PatternParser.simpleIndicatorValues(pattern))
                .isInstanceOfSatisfying(PatternSyntaxException.class, e -> {
                    assertThat(e.reason()).startsWith("not a simple comparison pattern: ");
                    assertThat(e.reason()).contains(reasonPart);
                });
    }

    @Test
    void simpleIndicatorValues_reportsPositionOfAnd() {
        assertThatThrownBy(() -> PatternParser.simpleIndicatorValues("[url:value = 'a' AND url:value = 'b']"))
                .isInstanceOfSatisfying(PatternSyntaxException.class, e -> assertThat(e.position()).isEqualTo(17));
    }

    @Test
    void simpleIndicatorValues_rejectsSyntaxErrorAsSyntax() {
        assertThatThrownBy(() -> PatternParser.simpleIndicatorValues("[url:value = 'a' AND]"))
                .isInstanceOfSatisfying(PatternSyntaxException.class,
                        e -> assertThat(e.reason()).doesNotStartWith("not a simple"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            [file:hashes.'SHA-256' = '79054025255fb1a26e4bc422aef54eb4'] | exactly 64
            [ipv4-addr:value = '010.0.0.1']                               | leading zero
            [domain-name:value = 'C:\\\\Windows\\\\evil.exe']              | path separator
            [url:value = 'C:\\\\Windows\\\\evil.exe']                      | Windows file path
            [url:value = '\\')']                                          | scheme
            [email-addr:value = 'nobody']                                 | '@'
            """)
    void simpleIndicatorValues_rejectsInvalidValue(String pattern, String reasonPart) {
        assertThatThrownBy(() -> PatternParser.simpleIndicatorValues(pattern))
                .isInstanceOfSatisfying(InvalidIocException.class,
                        e -> assertThat(e.reason()).contains(reasonPart));
    }

    @Test
    void simpleIndicatorValues_readsSha256FromBuilderStyle() {
        String pattern = "[file:hashes.'SHA-256' = '" + SHA256.toUpperCase(Locale.ROOT) + "']";

        assertThat(PatternParser.simpleIndicatorValues(pattern))
                .containsExactly(NormalizedValue.of(IocType.SHA256, SHA256));
    }
}
