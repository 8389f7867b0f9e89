package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

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
}
