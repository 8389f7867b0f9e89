package iocd.ioc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizerTest {
    private static final String MD5 = "79054025255fb1a26e4bc422aef54eb4";
    private static final String SHA1 = "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12";
    private static final String SHA256 = "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f";
    private static final String SHA512 = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ipv4   | 198.51.100.7                      | 198.51.100.7
            ipv4   | '  198.51.100.7  '                | 198.51.100.7
            ipv4   | "'198.51.100.7'"                  | 198.51.100.7
            ipv4   | <198.51.100.7>                    | 198.51.100.7
            ipv4   | 198[.]51[.]100[.]7                | 198.51.100.7
            ipv4   | 198(.)51(.)100(.)7                | 198.51.100.7
            ipv4   | 198{.}51{.}100{.}7                | 198.51.100.7
            ipv4   | 198[dot]51[dot]100[dot]7          | 198.51.100.7
            ipv4   | 198 (dot) 51 (dot) 100 (dot) 7    | 198.51.100.7
            ipv4   | 0.0.0.0                           | 0.0.0.0
            ipv4   | 198.51.100.0/24                   | 198.51.100.0/24
            ipv4   | 198.51.100.7/24                   | 198.51.100.0/24
            ipv4   | 198.51.100.7/32                   | 198.51.100.7
            ipv4   | 203.0.113.255/25                  | 203.0.113.128/25
            ipv4   | 10.0.0.0/8                        | 10.0.0.0/8
            ipv6   | 2001:db8::1                       | 2001:db8::1
            ipv6   | 2001:DB8::1                       | 2001:db8::1
            ipv6   | 2001:0db8:0000:0000:0000:0000:0000:0001 | 2001:db8::1
            ipv6   | 2001:0db8:0000:0001:0000:0000:0000:0001 | 2001:db8:0:1::1
            ipv6   | 2001:db8:0:0:1:0:0:1              | 2001:db8::1:0:0:1
            ipv6   | 2001:db8:1:1:1:1:0:1              | 2001:db8:1:1:1:1:0:1
            ipv6   | 0:0:0:0:0:0:0:0                   | ::
            ipv6   | ::1                               | ::1
            ipv6   | 1::                               | 1::
            ipv6   | ::ffff:198.51.100.7               | ::ffff:198.51.100.7
            ipv6   | ::FFFF:C633:6407                  | ::ffff:198.51.100.7
            ipv6   | 64:ff9b::198.51.100.7             | 64:ff9b::c633:6407
            ipv6   | 2001:db8::/32                     | 2001:db8::/32
            ipv6   | 2001:db8:dead:beef::1/64          | 2001:db8:dead:beef::/64
            ipv6   | 2001:db8::1/128                   | 2001:db8::1
            ipv6   | 2001:db8::1/127                   | 2001:db8::/127
            ipv6   | [2001:db8::1]                     | 2001:db8::1
            ipv6   | 2001[:]db8[:][:]1                 | 2001:db8::1
            domain | example.com                       | example.com
            domain | Evil.Example.COM.                 | evil.example.com
            domain | evil[.]example[.]com              | evil.example.com
            domain | evil(.)example{.}com              | evil.example.com
            domain | "  'evil.example.com'  "          | evil.example.com
            domain | my_host.example.com               | my_host.example.com
            domain | _dmarc.example.com                | _dmarc.example.com
            domain | bücher.example                    | xn--bcher-kva.example
            domain | XN--BCHER-KVA.example             | xn--bcher-kva.example
            domain | 例え.テスト                         | xn--r8jz45g.xn--zckzah
            domain | a1-b2.example.org                 | a1-b2.example.org
            domain | 3com.example                      | 3com.example
            url    | http://evil.example.com/a?b=c     | http://evil.example.com/a?b=c
            url    | hxxp://evil[.]example[.]com/x     | http://evil.example.com/x
            url    | hXXps://evil.example.com/x        | https://evil.example.com/x
            url    | HXXPS[://]evil.example.com/x      | https://evil.example.com/x
            url    | hxxps[:]//evil.example.com/x      | https://evil.example.com/x
            url    | fxp://files.example.com/a.exe     | ftp://files.example.com/a.exe
            url    | hxxps:/evil.example.com/x         | https://evil.example.com/x
            url    | HTTP://EVIL.Example.COM/Path/A    | http://evil.example.com/Path/A
            url    | http://evil.example.com           | http://evil.example.com
            url    | http://evil.example.com:8080/a    | http://evil.example.com:8080/a
            url    | http://198.51.100.7:8080/bins/x.sh | http://198.51.100.7:8080/bins/x.sh
            url    | http://[2001:DB8:0::1]:443/x      | http://[2001:db8::1]:443/x
            url    | http://user:pw@evil.example.com/x | http://user:pw@evil.example.com/x
            url    | http://evil.example.com/a%2Fb%20c | http://evil.example.com/a%2Fb%20c
            url    | http://evil.example.com/it's      | http://evil.example.com/it's
            url    | http://evil.example.com/a\\b{c}"d | http://evil.example.com/a\\b{c}"d
            url    | http://evil.example.com/')        | http://evil.example.com/')
            url    | http://bücher.example/ü           | http://xn--bcher-kva.example/ü
            url    | evil.example.com/path             | http://evil.example.com/path
            url    | http://Evil.Example.com\\@good.example.com/ | http://evil.example.com\\@good.example.com/
            url    | http://Evil@Good.Example.com/x    | http://Evil@good.example.com/x
            url    | http://evil.example.com/%00%27    | http://evil.example.com/%00%27
            url    | 198.51.100.7:8080/x               | http://198.51.100.7:8080/x
            url    | <https://evil.example.com/x>      | https://evil.example.com/x
            md5    | 79054025255FB1A26E4BC422AEF54EB4  | 79054025255fb1a26e4bc422aef54eb4
            md5    | "'79054025255fb1a26e4bc422aef54eb4'" | 79054025255fb1a26e4bc422aef54eb4
            sha1   | 2FD4E1C67A2D28FCED849EE1BB76E7391B93EB12 | 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12
            sha256 | AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F | aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f
            email  | bad@example.com                   | bad@example.com
            email  | Bad.Actor@Example.COM             | Bad.Actor@example.com
            email  | Bad Actor <bad@example.com>       | bad@example.com
            email  | "\"Bad Actor\" <bad@example.com>" | bad@example.com
            email  | mailto:bad@example.com            | bad@example.com
            email  | MAILTO:bad@example.com?subject=hi | bad@example.com
            email  | bad[@]example[.]com               | bad@example.com
            email  | bad(@)example(.)com               | bad@example.com
            email  | bad [at] example [dot] com        | bad@example.com
            email  | bad(at)example(dot)com            | bad@example.com
            email  | bad+tag@bücher.example            | bad+tag@xn--bcher-kva.example
            cve    | CVE-2021-44228                    | CVE-2021-44228
            cve    | cve-2021-44228                    | CVE-2021-44228
            cve    | CVE–2021–44228                    | CVE-2021-44228
            cve    | CVE 2021 44228                    | CVE-2021-44228
            cve    | CVE-1999-0001                     | CVE-1999-0001
            cve    | CVE-2024-1234567                  | CVE-2024-1234567
            mitre_attack | T1059                       | T1059
            mitre_attack | t1059.001                   | T1059.001
            """)
    void normalize_producesCanonicalValue(String type, String raw, String expected) {
        NormalizedValue result = Normalizer.normalize(IocType.fromApiName(type).orElseThrow(), raw);

        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.type().apiName()).isEqualTo(type);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ipv4   | 010.1.1.1                | leading zero
            ipv4   | 198.51.100.256           | greater than 255
            ipv4   | 198.51.100               | exactly four
            ipv4   | 198.51.100.7.1           | exactly four
            ipv4   | 198.51.100.-1            | not a decimal
            ipv4   | 198.51.100.7/33          | greater than 32
            ipv4   | 198.51.100.7/0           | /0
            ipv4   | 198.51.100.7/            | CIDR prefix
            ipv4   | 198.51.100.7:0           | port
            ipv4   | 198.51.100.7:65536       | port
            ipv4   | 198.51.100.7:http        | port
            ipv4   | 198.51.100.0/24:443      | CIDR block cannot carry a port
            ipv4   | 2001:db8::1              | ipv6
            ipv4   | evil.example.com         | four
            ipv4   | ١٩٨.51.100.7             | not a decimal
            ipv6   | 2001:db8::1::2           | only once
            ipv6   | 2001:db8:1:2:3:4:5       | exactly eight
            ipv6   | 2001:db8:1:2:3:4:5:6:7   | at most eight
            ipv6   | 1:2:3:4:5:6:7:8:9::      | at most eight
            ipv6   | ::1:2:3:4:5:6:7:8:9      | at most eight
            ipv6   | 1:2:3:4:5:6:7:8::        | at least one zero group
            ipv6   | 1:2:3:4:5:6:198.51.100.7:1 | only as the last part
            ipv6   | 1:2:3:4:5:6:7:198.51.100.7 | at most eight
            ipv6   | :::                      | only once
            ipv6   | :1:2:3:4:5:6:7           | one to four hex
            ipv6   | 2001:db8::12345          | one to four hex
            ipv6   | 2001:db8::g              | not a hex digit
            ipv6   | fe80::1%eth0             | zone id '%eth0'
            ipv6   | [fe80::1%eth0]:443       | zone id '%eth0'
            ipv6   | fe80::1%wlan0            | zone id '%wlan0'
            ipv6   | 2001:db8::1/129          | greater than 128
            ipv6   | [2001:db8::1]:0          | port
            ipv6   | [2001:db8::1             | not closed
            ipv6   | ::ffff:198.51.100.300    | embedded IPv4
            ipv6   | 198.51.100.7             | exactly eight
            domain | localhost                | at least two labels
            domain | example                  | at least two labels
            domain | evil.example.123         | all digits
            domain | 198.51.100.7             | submit it as ipv4
            domain | http://evil.example.com  | is a URL
            domain | evil.example.com/path    | path
            domain | C:\\Windows\\evil.exe    | path
            domain | evil.example.com:443     | ':'
            domain | evil..example.com        | empty label
            domain | .example.com             | empty label
            domain | -evil.example.com        | starts or ends with '-'
            domain | evil.example.co_m        | '_'
            domain | evil example.com         | contains ' '
            domain | evil.example.com')       | contains '''
            domain | bad@example.com          | email
            domain | *.example.com            | wildcards
            domain | xn--zz.example           | punycode
            domain | 2001:db8::1              | ':'
            url    | C:\\Windows\\evil.exe    | Windows file path
            url    | evil.example.com         | scheme
            url    | //evil.example.com/x     | scheme
            url    | mailto:bad@example.com   | '//'
            url    | http://                  | host
            url    | http:///path             | host
            url    | http://evil..example.com/ | host
            url    | http://evil.example.com:99999/ | port
            url    | http://[2001:db8::g]/    | IPv6
            url    | http://198.51.100.300/   | IPv4
            url    | http://evil exam.com/    | host
            md5    | 79054025255fb1a26e4bc422aef54eb  | exactly 32
            md5    | 79054025255fb1a26e4bc422aef54eb4a | exactly 32
            md5    | 79054025255fb1a26e4bc422aef54ebz | hex digits
            sha1   | 79054025255fb1a26e4bc422aef54eb4 | exactly 40
            sha256 | 79054025255fb1a26e4bc422aef54eb4 | exactly 64
            sha512 | 79054025255fb1a26e4bc422aef54eb4 | exactly 128
            email  | bad.example.com          | '@'
            email  | @example.com             | empty
            email  | bad@                     | domain part
            email  | bad@localhost            | domain part
            email  | .bad@example.com         | '.'
            email  | b d@example.com          | quoted local part
            cve    | CVE-1998-0001            | 1999 to 2100
            cve    | CVE-2101-0001            | 1999 to 2100
            cve    | CVE-2021-123             | fewer than four
            cve    | CVE-2021-012345          | leading zero
            cve    | CVE2021                  | CVE-YYYY-NNNN
            mitre_attack | T123               | T1234
            mitre_attack | T1059.1            | T1234
            mitre_attack | TA0001             | T1234
            """)
    void normalize_rejectsWithReason(String type, String raw, String reasonPart) {
        IocType iocType = IocType.fromApiName(type).orElseThrow();

        assertThatThrownBy(() -> Normalizer.normalize(iocType, raw))
                .isInstanceOfSatisfying(InvalidIocException.class, e -> {
                    assertThat(e.reason()).containsIgnoringCase(reasonPart);
                    assertThat(e.type()).isEqualTo(iocType);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "''", "\"\"", "<>", "\t\n"})
    void normalize_rejectsEmpty(String raw) {
        assertThatThrownBy(() -> Normalizer.normalize(IocType.DOMAIN, raw))
                .isInstanceOfSatisfying(InvalidIocException.class,
                        e -> assertThat(e.reason()).isEqualTo("value is empty"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil\0.example.com", "evil.exa\u0007mple.com", "http://evil.example.com/\nx",
            "evil.example.com\uD800", "\uDC00evil.example.com"})
    void normalize_rejectsControlCharactersAndSurrogates(String raw) {
        for (IocType type : IocType.values()) {
            assertThatThrownBy(() -> Normalizer.normalize(type, raw)).isInstanceOf(InvalidIocException.class);
        }
    }

    @Test
    void normalize_rejectsHugeValue() {
        String huge = "a".repeat(100_000) + ".example.com";

        assertThatThrownBy(() -> Normalizer.normalize(IocType.DOMAIN, huge))
                .isInstanceOfSatisfying(InvalidIocException.class,
                        e -> assertThat(e.reason()).contains("longer than"));
    }

    @Test
    void normalize_rejectsOverlongLabelAndName() {
        String longLabel = "a".repeat(64) + ".example.com";
        String longName = ("a".repeat(60) + ".").repeat(5) + "com";

        assertThatThrownBy(() -> Normalizer.normalize(IocType.DOMAIN, longLabel))
                .hasMessageContaining("longer than 63");
        assertThatThrownBy(() -> Normalizer.normalize(IocType.DOMAIN, longName))
                .hasMessageContaining("longer than 253");
    }

    @Test
    void normalize_keepsLabelOf63Characters() {
        String name = "a".repeat(63) + ".example.com";

        assertThat(Normalizer.normalize(IocType.DOMAIN, name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"198.51.100.7:443, 198.51.100.7, 443", "198[.]51[.]100[.]7[:]8080, 198.51.100.7, 8080",
            "198.51.100.7:1, 198.51.100.7, 1", "198.51.100.7:65535, 198.51.100.7, 65535"})
    void normalize_splitsIpv4Port(String raw, String address, int port) {
        NormalizedValue result = Normalizer.normalize(IocType.IPV4, raw);

        assertThat(result.value()).isEqualTo(address);
        assertThat(result.port()).isEqualTo(port);
    }

    @Test
    void normalize_splitsBracketedIpv6Port() {
        NormalizedValue result = Normalizer.normalize(IocType.IPV6, "[2001:0db8::0001]:443");

        assertThat(result.value()).isEqualTo("2001:db8::1");
        assertThat(result.port()).isEqualTo(443);
    }

    @Test
    void normalize_leavesPortNullWithoutPort() {
        assertThat(Normalizer.normalize(IocType.IPV4, "198.51.100.7").port()).isNull();
    }

    @Test
    void normalize_setsDisplayNameForIdn() {
        NormalizedValue unicode = Normalizer.normalize(IocType.DOMAIN, "Bücher.Example");
        NormalizedValue punycode = Normalizer.normalize(IocType.DOMAIN, "xn--bcher-kva.example");
        NormalizedValue ascii = Normalizer.normalize(IocType.DOMAIN, "example.com");

        assertThat(unicode.displayName()).isEqualTo("bücher.example");
        assertThat(punycode.displayName()).isEqualTo("bücher.example");
        assertThat(ascii.displayName()).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "none", textBlock = """
            79054025255FB1A26E4BC422AEF54EB4         | md5
            2fd4e1c67a2d28fced849ee1bb76e7391b93eb12 | sha1
            aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f | sha256
            cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e | sha512
            198.51.100.7                             | ipv4
            198[.]51[.]100[.]7                       | ipv4
            198.51.100.0/24                          | ipv4
            198.51.100.7:443                         | ipv4
            999.1.1.1                                | ipv4
            2001:db8::1                              | ipv6
            [2001:db8::1]:443                        | ipv6
            2001:db8::/32                            | ipv6
            ::ffff:198.51.100.7                      | ipv6
            http://evil.example.com/x                | url
            hxxps://evil[.]example[.]com/x           | url
            hxxps:/evil.example.com/x                | url
            evil.example.com/path                    | url
            bad@example.com                          | email
            Bad Actor <bad@example.com>              | email
            bad[at]example[.]com                     | email
            mailto:bad@example.com                   | email
            CVE-2021-44228                           | cve
            cve-2021-44228                           | cve
            T1059.001                                | mitre_attack
            evil.example.com                         | domain
            evil[.]example[.]com                     | domain
            bücher.example                           | domain
            C:\\Windows\\evil.exe                    | none
            C:/Windows/evil.exe                      | none
            \\\\server\\share\\evil.exe                | none
            hello                                    | none
            deadbeef                                 | none
            ')                                       | none
            ---                                      | none
            """)
    void detect_findsTypeFromShape(String raw, String expected) {
        Optional<IocType> detected = Normalizer.detect(raw);

        assertThat(detected.map(IocType::apiName).orElse(null)).isEqualTo(expected);
    }

    @Test
    void normalizeDetected_rejectsUnknownShape() {
        assertThatThrownBy(() -> Normalizer.normalizeDetected("just some words"))
                .isInstanceOfSatisfying(InvalidIocException.class, e -> {
                    assertThat(e.getMessage()).contains("no IOC type matches");
                    assertThat(e.type()).isNull();
                });
    }

    @Test
    void normalizeDetected_namesNulInsteadOfShape() {
        assertThatThrownBy(() -> Normalizer.normalizeDetected("bad\0.example.com"))
                .isInstanceOfSatisfying(InvalidIocException.class, e -> {
                    assertThat(e.reason()).isEqualTo("value contains a NUL character (U+0000) at position 3; "
                            + "remove it");
                    assertThat(e.type()).isNull();
                });
    }

    @Test
    void normalizeDetected_normalisesDetectedValue() {
        NormalizedValue result = Normalizer.normalizeDetected("hxxp://Evil[.]Example[.]com/Path");

        assertThat(result.type()).isEqualTo(IocType.URL);
        assertThat(result.value()).isEqualTo("http://evil.example.com/Path");
    }

    @Test
    void normalizeDetected_reportsPreciseReasonForBadOctet() {
        assertThatThrownBy(() -> Normalizer.normalizeDetected("999.1.1.1"))
                .isInstanceOfSatisfying(InvalidIocException.class,
                        e -> assertThat(e.reason()).contains("greater than 255"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "none", textBlock = """
            md5         | md5
            MD5         | md5
            'MD5'       | md5
            sha1        | sha1
            SHA-1       | sha1
            sha_1       | sha1
            SHA1        | sha1
            SHA256      | sha256
            sha-256     | sha256
            SHA-256     | sha256
            sha256_hash | sha256
            sha256hash  | sha256
            SHA-512     | sha512
            sha512      | sha512
            SHA3-256    | none
            ssdeep      | none
            sha         | none
            hash        | none
            ''          | none
            """)
    void hashTypeFromKey_acceptsCommonSpellings(String key, String expected) {
        assertThat(Normalizer.hashTypeFromKey(key == null ? "" : key).map(IocType::apiName).orElse(null))
                .isEqualTo(expected);
    }

    @Test
    void normalize_acceptsEveryHashType() {
        assertThat(Normalizer.normalize(IocType.MD5, MD5).value()).isEqualTo(MD5);
        assertThat(Normalizer.normalize(IocType.SHA1, SHA1).value()).isEqualTo(SHA1);
        assertThat(Normalizer.normalize(IocType.SHA256, SHA256).value()).isEqualTo(SHA256);
        assertThat(Normalizer.normalize(IocType.SHA512, SHA512.toUpperCase(Locale.ROOT)).value())
                .isEqualTo(SHA512);
    }

    @Test
    void normalize_masksControlCharactersInMessage() {
        assertThatThrownBy(() -> Normalizer.normalize(IocType.DOMAIN, "evil\u001b[31m.example.com"))
                .isInstanceOfSatisfying(InvalidIocException.class,
                        e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    }
}
