package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvParserTest {
    private static final CsvParser AUTO = new CsvParser("csv", CsvMapping.AUTO);

    @Test
    void namedColumns_mapsFieldsByHeader() throws IOException {
        CollectingSink sink = CollectingSink.parse(AUTO, "csv/named-columns.csv");
        Ioc email = sink.find(IocType.EMAIL, "sender@example.com");

        assertThat(email.firstSeen()).isEqualTo(Instant.parse("2021-01-20T11:00:00Z"));
        assertThat(email.validUntil()).isEqualTo(Instant.parse("2021-02-20T11:00:00Z"));
        assertThat(email.description()).isEqualTo("Sender");
        assertThat(email.tags()).containsExactly("emotet", "spam");
        assertThat(email.confidence()).isEqualTo(80);
        assertThat(email.source()).isEqualTo("csv");
    }

    @Test
    void quotedFields_keepCommasQuotesAndNewlines() throws IOException {
        CollectingSink sink = CollectingSink.parse(AUTO, "csv/named-columns.csv");

        assertThat(sink.find(IocType.URL, "http://example.com/doc.php?a=1,b=2").description())
                .isEqualTo("Payload URL, \"stage 1\"");
        assertThat(sink.find(IocType.DOMAIN, "bad.example.org").description()).isEqualTo("multi\nline context");
    }

    @Test
    void badRows_areRejectedWithLineAndReason() throws IOException {
        CollectingSink sink = CollectingSink.parse(AUTO, "csv/named-columns.csv");

        assertThat(sink.values()).containsExactly("sender@example.com", "http://example.com/doc.php?a=1,b=2",
                "192.0.2.77", "bad.example.org");
        assertThat(sink.rejections).extracting(Rejection::location).containsExactly("line 7", "line 8");
        assertThat(sink.rejections.get(0).reason()).isEqualTo("expected 7 CSV columns, found 3");
        assertThat(sink.rejections.get(1).reason()).startsWith("invalid first seen");
    }

    @Test
    void excelResaved_readsBomAndUsDates() throws IOException {
        CollectingSink sink = CollectingSink.parse(AUTO, "csv/excel-resaved.csv");

        Ioc first = sink.find(IocType.SHA1, "19e664f09401bf648b6ea57719e34ad795f3b6cb");
        assertThat(first.description()).isEqualTo("AsyncRAT C&C");
        assertThat(first.firstSeen()).isEqualTo(Instant.parse("2023-12-22T06:58:00Z"));
        assertThat(sink.find(IocType.SHA1, "27c2d8e9f11c1a83af9e5e01c8476b1e832ab4c8").description())
                .isEqualTo("Example C&C, second");
        assertThat(sink.rejections).as("the empty row is blank, not an error").isEmpty();
    }

    @Test
    void typeColumn_decidesTypeAndRejectsUnsupportedLabels() throws IOException {
        CollectingSink sink = CollectingSink.parse(AUTO, "csv/type-column.csv");

        assertThat(sink.iocs).extracting(Ioc::type).containsExactly(IocType.DOMAIN, IocType.EMAIL,
                IocType.SHA256, IocType.SHA1);
        assertThat(sink.rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.location()).isEqualTo("line 5");
            assertThat(rejection.reason()).startsWith("unsupported IOC type 'filename'");
        });
    }

    @Test
    void headerless_picksValueAndTypeColumnsFromContent() throws IOException {
        CollectingSink sink = CollectingSink.parse(AUTO, "csv/headerless.csv");

        assertThat(sink.values()).containsExactly("phish.example.com",
                "https://phish.example.com/login?lang=ja,en;q=0.7", "192.0.2.200", "xn--mnchen-3ya.example",
                "xn--bcher-kva.example");
        assertThat(sink.rejections).isEmpty();
    }

    @Test
    void explicitMapping_byNameAndNumber() throws IOException {
        CsvMapping mapping = new CsvMapping("4", "3", "1", null, null, null, CsvMapping.Header.ABSENT);
        CollectingSink sink = CollectingSink.parse(new CsvParser("csv", mapping), "csv/headerless.csv");

        assertThat(sink.iocs).hasSize(5);
        assertThat(sink.find(IocType.IPV4, "192.0.2.200").firstSeen()).isEqualTo(Instant.parse("2026-07-23T01:33:00Z"));
    }

    @Test
    void explicitMapping_unknownColumnStops() {
        CsvMapping mapping = new CsvMapping("observable_value", null, null, null, null, null, CsvMapping.Header.AUTO);

        assertThatThrownBy(() -> CollectingSink.parse(new CsvParser("csv", mapping), "csv/named-columns.csv"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("CSV value column 'observable_value' not found");
    }

    @Test
    void semicolonDelimited_isDetected() throws IOException {
        CollectingSink sink = CollectingSink.parseText(AUTO, "sep=;\nioc;comment\n192.0.2.3;\"a;b\"\n");

        assertThat(sink.find(IocType.IPV4, "192.0.2.3").description()).isEqualTo("a;b");
    }

    @Test
    void unclosedQuote_isRejectedAtEndOfFile() throws IOException {
        CollectingSink sink = CollectingSink.parseText(AUTO, "ioc,comment\n192.0.2.4,ok\n192.0.2.5,\"open\n");

        assertThat(sink.values()).containsExactly("192.0.2.4");
        assertThat(sink.reasons()).containsExactly("line 3: quoted field not closed before the end of the file");
    }

    @Test
    void leadingCommentBanner_isSkipped() throws IOException {
        String feodo = "#####\n# banner, with comma\n#\n\"first_seen_utc\",\"dst_ip\",\"dst_port\",\"malware\"\n"
                + "\"2023-05-23 17:51:44\",\"192.0.2.73\",\"1194\",\"Pikabot\"\n";
        CollectingSink sink = CollectingSink.parseText(AUTO, feodo);

        Ioc ip = sink.find(IocType.IPV4, "192.0.2.73");
        assertThat(ip.tags()).containsExactly("Pikabot");
        assertThat(ip.firstSeen()).isEqualTo(Instant.parse("2023-05-23T17:51:44Z"));
        assertThat(ip.description()).isEqualTo("Observed on port 1194");
    }

    @Test
    void feodoBlocklist_keepsPortAndLastOnline() throws IOException {
        CollectingSink sink = CollectingSink.parse(AUTO, "feodo/ipblocklist.csv");
        Ioc ip = sink.find(IocType.IPV4, "192.0.2.10");

        assertThat(ip.description()).isEqualTo("Observed on port 8080");
        assertThat(ip.firstSeen()).isEqualTo(Instant.parse("2022-06-04T21:24:53Z"));
        assertThat(ip.lastSeen()).isEqualTo(Instant.parse("2026-03-07T00:00:00Z"));
        assertThat(ip.tags()).containsExactly("Emotet");
        assertThat(sink.find(IocType.IPV6, "2001:db8::5").description()).isEqualTo("Observed on port 443");
        assertThat(sink.find(IocType.IPV4, "198.51.100.21").description()).isNull();
        assertThat(sink.reasons()).contains("line 14: '70000': invalid port: expected a whole number from 1 to 65535");
    }

    @Test
    void portColumn_joinsDescription() throws IOException {
        String csv = """
                ioc,port,comment
                192.0.2.1,443,C2 server
                198.51.100.2, 8080 ,
                [2001:db8::1]:443,443,
                192.0.2.3:8443,,
                198.51.100.0/24,,range
                c2.example.com,443,domain
                """;

        CollectingSink sink = CollectingSink.parseText(AUTO, csv);

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.find(IocType.IPV4, "192.0.2.1").description()).isEqualTo("C2 server. Observed on port 443");
        assertThat(sink.find(IocType.IPV4, "198.51.100.2").description()).isEqualTo("Observed on port 8080");
        assertThat(sink.find(IocType.IPV6, "2001:db8::1").description()).isEqualTo("Observed on port 443");
        assertThat(sink.find(IocType.IPV4, "192.0.2.3").description()).isEqualTo("Observed on port 8443");
        assertThat(sink.find(IocType.IPV4, "198.51.100.0/24").description()).isEqualTo("range");
        assertThat(sink.find(IocType.DOMAIN, "c2.example.com").description())
                .as("only addresses carry a port").isEqualTo("domain");
    }

    @Test
    void portColumnNames_areRecognised() throws IOException {
        for (String name : List.of("port", "Port", "dst_port", "DstPort", "dest_port", "destination port", "dport")) {
            CollectingSink sink = CollectingSink.parseText(AUTO, "ip," + name + "\n192.0.2.1,443\n");

            assertThat(sink.find(IocType.IPV4, "192.0.2.1").description()).as(name)
                    .isEqualTo("Observed on port 443");
        }
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(strings = {"0", "65536", "-1", "443.0", "https", "0x1bb", "123456"})
    void invalidPort_rejectsRow(String port) throws IOException {
        CollectingSink sink = CollectingSink.parseText(AUTO, "ioc,port\n192.0.2.1," + port + "\n192.0.2.2,443\n");

        assertThat(sink.values()).containsExactly("192.0.2.2");
        assertThat(sink.rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.location()).isEqualTo("line 2");
            assertThat(rejection.value()).isEqualTo(port);
            assertThat(rejection.reason()).isEqualTo("invalid port: expected a whole number from 1 to 65535");
        });
    }

    @Test
    void portColumnContradictingValue_rejectsRow() throws IOException {
        String csv = """
                ioc,port
                192.0.2.1:443,8080
                192.0.2.2:443,443
                198.51.100.0/24,443
                """;

        CollectingSink sink = CollectingSink.parseText(AUTO, csv);

        assertThat(sink.values()).containsExactly("192.0.2.2");
        assertThat(sink.reasons()).containsExactly(
                "line 2: '192.0.2.1:443': value carries port 443 but the port column is 8080",
                "line 4: '198.51.100.0/24': a CIDR block cannot carry a port, but the port column is 443; "
                        + "leave it empty or give a single address");
    }

    @Test
    void hugeRow_isRejectedAndReadingGoesOn() throws IOException {
        java.io.InputStream in = new java.io.SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
                stream("ioc,comment\n192.0.2.1,a\n192.0.2.2,"),
                new PlainListParserTest.RepeatingStream((byte) 'b', 3L * LineReader.DEFAULT_MAX_BYTES),
                stream("\n192.0.2.3,c\n"))));
        CollectingSink sink = CollectingSink.parse(AUTO, in);

        assertThat(sink.values()).containsExactly("192.0.2.1", "192.0.2.3");
        assertThat(sink.reasons()).containsExactly("line 3: line longer than 1048576 bytes");
    }

    private static java.io.InputStream stream(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void tlpColumn_marksEachRow() throws IOException {
        String csv = "value,type,tlp,confidence\n192.0.2.71,ip,green,50\n192.0.2.72,ip,TLP:RED,50\n"
                + "192.0.2.73,ip,white,50\n192.0.2.74,ip,,50\n192.0.2.75,ip,purple,50\n";
        CollectingSink sink = CollectingSink.parseText(AUTO, csv);

        assertThat(sink.find(IocType.IPV4, "192.0.2.71").sourceTlp()).isEqualTo(Tlp.GREEN);
        assertThat(sink.find(IocType.IPV4, "192.0.2.72").sourceTlp()).isEqualTo(Tlp.RED);
        assertThat(sink.find(IocType.IPV4, "192.0.2.73").sourceTlp()).isEqualTo(Tlp.CLEAR);
        assertThat(sink.find(IocType.IPV4, "192.0.2.74").sourceTlp()).isNull();
        assertThat(sink.rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.value()).isEqualTo("purple");
            assertThat(rejection.reason()).contains("invalid tlp");
        });
    }
}
