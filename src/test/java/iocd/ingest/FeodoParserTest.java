package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeodoParserTest {

    @Test
    void blocklist_readsEveryUsableEntry() throws IOException {
        CollectingSink sink = CollectingSink.parse(new FeodoParser(), "feodo/blocklist.json");

        assertThat(sink.values()).containsExactly("192.0.2.10", "198.51.100.20", "2001:db8::5", "198.51.100.21");
        assertThat(sink.rejections).hasSize(5);
        assertThat(sink.skipped).isEmpty();
    }

    @Test
    void entry_mapsEveryField() throws IOException {
        CollectingSink sink = CollectingSink.parse(new FeodoParser(), "feodo/blocklist.json");
        Ioc ip = sink.find(IocType.IPV4, "192.0.2.10");

        assertThat(ip.description()).isEqualTo("Feodo Tracker: Emotet botnet C2 server. Observed on port 8080");
        assertThat(ip.tags()).containsExactly("Emotet");
        assertThat(ip.firstSeen()).isEqualTo(Instant.parse("2022-06-04T21:24:53Z"));
        assertThat(ip.lastSeen()).as("last_online is a date, read as its start in UTC")
                .isEqualTo(Instant.parse("2026-03-07T00:00:00Z"));
        assertThat(ip.indicatorTypes()).containsExactly("malicious-activity");
        assertThat(ip.killChainPhases()).containsExactly("command-and-control");
        assertThat(ip.source()).isEqualTo("feodotracker");
        assertThat(ip.confidence()).isNull();
        assertThat(ip.reference()).isNull();
        assertThat(ip.name()).isNull();
    }

    @Test
    void ipv6Entry_isNormalizedWithTextPort() throws IOException {
        CollectingSink sink = CollectingSink.parse(new FeodoParser(), "feodo/blocklist.json");
        Ioc ip = sink.find(IocType.IPV6, "2001:db8::5");

        assertThat(ip.description()).isEqualTo("Feodo Tracker: Pikabot botnet C2 server. Observed on port 443");
        assertThat(ip.tags()).containsExactly("Pikabot");
    }

    @Test
    void nullPortAndExtraFields_areIgnored() throws IOException {
        CollectingSink sink = CollectingSink.parse(new FeodoParser(), "feodo/blocklist.json");
        Ioc ip = sink.find(IocType.IPV4, "198.51.100.21");

        assertThat(ip.description()).isEqualTo("Feodo Tracker: Dridex botnet C2 server");
        assertThat(ip.lastSeen()).isNull();
        assertThat(ip.firstSeen()).isEqualTo(Instant.parse("2026-01-13T21:41:15Z"));
    }

    @Test
    void badEntries_areRejectedWithReasons() throws IOException {
        CollectingSink sink = CollectingSink.parse(new FeodoParser(), "feodo/blocklist.json");

        assertThat(sink.rejections).extracting(Rejection::location)
                .containsExactly("entry 5", "entry 6", "entry 7", "entry 8", "entry 9");
        assertThat(sink.rejections.get(0).value()).isEqualTo("198.51.100.300");
        assertThat(sink.rejections.get(0).reason()).contains("greater than 255");
        assertThat(sink.rejections.get(1).value()).isEqualTo("192.0.2.99");
        assertThat(sink.rejections.get(1).reason()).isEqualTo("entry is a string, not a JSON object");
        assertThat(sink.rejections.get(2).reason()).isEqualTo("missing ip_address");
        assertThat(sink.rejections.get(3).reason()).contains("invalid first_seen");
        assertThat(sink.rejections.get(4).value()).isEqualTo("70000");
        assertThat(sink.rejections.get(4).reason()).contains("invalid port");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            42                 | a number
            true               | a boolean
            null               | null
            '[1, [2, {"a": 3}]]' | an array
            """)
    void nonObjectEntry_isRejectedAndReadingGoesOn(String element, String kind) throws IOException {
        String json = "[" + element + ", {\"ip_address\": \"192.0.2.1\", \"malware\": \"QakBot\"}]";

        CollectingSink sink = CollectingSink.parseText(new FeodoParser(), json);

        assertThat(sink.values()).containsExactly("192.0.2.1");
        assertThat(sink.rejections).extracting(Rejection::location).containsExactly("entry 1");
        assertThat(sink.rejections.get(0).reason()).isEqualTo("entry is " + kind + ", not a JSON object");
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(strings = {"0", "65536", "-1", "443.5", "\"https\"", "\"44x\"", "[443]", "{\"n\": 443}"})
    void invalidPort_rejectsEntry(String port) throws IOException {
        String json = "[{\"ip_address\": \"192.0.2.1\", \"port\": " + port + ", \"malware\": \"QakBot\"}]";

        CollectingSink sink = CollectingSink.parseText(new FeodoParser(), json);

        assertThat(sink.iocs).isEmpty();
        assertThat(sink.rejections).hasSize(1);
        assertThat(sink.rejections.get(0).reason()).isEqualTo("invalid port: expected a whole number from 1 to 65535");
    }

    @Test
    void addressWithPort_matchesPortField() throws IOException {
        String json = """
                [{"ip_address": "192.0.2.1:443", "port": null},
                 {"ip_address": "192.0.2.2:443", "port": 443},
                 {"ip_address": "192.0.2.3:443", "port": 8080}]
                """;

        CollectingSink sink = CollectingSink.parseText(new FeodoParser(), json);

        assertThat(sink.find(IocType.IPV4, "192.0.2.1").description()).endsWith("Observed on port 443");
        assertThat(sink.find(IocType.IPV4, "192.0.2.2").description()).endsWith("Observed on port 443");
        assertThat(sink.rejections).extracting(Rejection::location).containsExactly("entry 3");
        assertThat(sink.rejections.get(0).reason()).isEqualTo("ip_address carries port 443 but the port field is 8080");
    }

    @Test
    void cidrAddress_isRejected() throws IOException {
        CollectingSink sink = CollectingSink.parseText(new FeodoParser(),
                "[{\"ip_address\": \"198.51.100.0/24\", \"malware\": \"QakBot\"}]");

        assertThat(sink.iocs).isEmpty();
        assertThat(sink.rejections.get(0).reason()).isEqualTo("ip_address must be a single address, not a CIDR block");
    }

    @Test
    void missingMalware_givesNoTag() throws IOException {
        CollectingSink sink = CollectingSink.parseText(new FeodoParser(),
                "[{\"ip_address\": \"[2001:db8::7]:443\", \"malware\": null}]");
        Ioc ip = sink.find(IocType.IPV6, "2001:db8::7");

        assertThat(ip.tags()).isEmpty();
        assertThat(ip.description()).isEqualTo("Feodo Tracker: botnet C2 server. Observed on port 443");
    }

    @Test
    void emptyArray_readsNothing() throws IOException {
        CollectingSink sink = CollectingSink.parseText(new FeodoParser(), " [ ] ");

        assertThat(sink.iocs).isEmpty();
        assertThat(sink.rejections).isEmpty();
    }

    @Test
    void truncatedJson_stopsWithLine() {
        assertThatThrownBy(() -> CollectingSink.parseText(new FeodoParser(), truncated()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("invalid JSON at line 3");
    }

    @Test
    void truncatedJson_keepsEntriesBeforeTheCut() {
        CollectingSink sink = new CollectingSink();
        try {
            new FeodoParser().parse(new ByteArrayInputStream(truncated().getBytes(StandardCharsets.UTF_8)), sink);
        } catch (ImportException | IOException expected) {
            // the entries before the cut are what matters here
        }
        assertThat(sink.values()).containsExactly("192.0.2.10", "198.51.100.20");
    }

    @Test
    void truncatedAfterLastEntry_stops() {
        assertThatThrownBy(() -> CollectingSink.parseText(new FeodoParser(),
                "[{\"ip_address\": \"192.0.2.10\"},"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("invalid JSON at line 1");
    }

    @Test
    void contentAfterArray_stopsAfterReadingTheArray() {
        CollectingSink sink = new CollectingSink();
        String json = "[{\"ip_address\": \"192.0.2.1\"}]\n[{\"ip_address\": \"192.0.2.2\"}]";

        assertThatThrownBy(() -> new FeodoParser().parse(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), sink))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("expected the end of the input after the Feodo Tracker array");
        assertThat(sink.values()).containsExactly("192.0.2.1");
    }

    @Test
    void nulInStringEntry_namesLine() {
        assertThatThrownBy(() -> CollectingSink.parseText(new FeodoParser(), "[\n\"192.0.2.\u00009\"]"))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("invalid JSON at line 2: ")
                .hasMessageContaining("CTRL-CHAR, code 0");
    }

    @Test
    void notAnArray_isMalformed() {
        assertThatThrownBy(() -> CollectingSink.parseText(new FeodoParser(), "{\"ip_address\": \"192.0.2.1\"}"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("expected a JSON array of Feodo Tracker entries");
    }

    @Test
    void csvBlocklist_readsEveryUsableRow() throws IOException {
        CollectingSink sink = CollectingSink.parse(new FeodoParser(), "feodo/ipblocklist.csv");

        assertThat(sink.values()).containsExactly("192.0.2.10", "198.51.100.20", "2001:db8::5", "198.51.100.21");
        assertThat(sink.skipped).isEmpty();
    }

    @Test
    void csvBadRows_areRejectedWithReasons() throws IOException {
        CollectingSink sink = CollectingSink.parse(new FeodoParser(), "feodo/ipblocklist.csv");

        assertThat(sink.rejections).extracting(Rejection::location)
                .containsExactly("line 11", "line 12", "line 13", "line 14");
        assertThat(sink.rejections.get(0).value()).isEqualTo("198.51.100.300");
        assertThat(sink.rejections.get(0).reason()).contains("greater than 255");
        assertThat(sink.rejections.get(1).reason()).isEqualTo("expected 6 CSV columns, found 4");
        assertThat(sink.rejections.get(2).value()).isEqualTo("14 January 2026");
        assertThat(sink.rejections.get(2).reason()).startsWith("invalid last_online: ");
        assertThat(sink.rejections.get(3).value()).isEqualTo("70000");
        assertThat(sink.rejections.get(3).reason())
                .isEqualTo("invalid dst_port: expected a whole number from 1 to 65535");
    }

    @Test
    void csvRow_mapsEveryField() throws IOException {
        CollectingSink sink = CollectingSink.parse(new FeodoParser(), "feodo/ipblocklist.csv");
        Ioc ip = sink.find(IocType.IPV4, "192.0.2.10");

        assertThat(ip.description()).isEqualTo("Feodo Tracker: Emotet botnet C2 server. Observed on port 8080");
        assertThat(ip.tags()).containsExactly("Emotet");
        assertThat(ip.firstSeen()).isEqualTo(Instant.parse("2022-06-04T21:24:53Z"));
        assertThat(ip.lastSeen()).isEqualTo(Instant.parse("2026-03-07T00:00:00Z"));
        assertThat(ip.indicatorTypes()).containsExactly("malicious-activity");
        assertThat(ip.killChainPhases()).containsExactly("command-and-control");
        assertThat(ip.source()).isEqualTo("feodotracker");
    }

    @Test
    void csvAndJson_giveEqualIocs() throws IOException {
        CollectingSink csv = CollectingSink.parse(new FeodoParser(), "feodo/ipblocklist.csv");
        CollectingSink json = CollectingSink.parse(new FeodoParser(), "feodo/blocklist.json");

        assertThat(csv.iocs).hasSize(4);
        for (Ioc fromCsv : csv.iocs) {
            assertThat(fromCsv).as(fromCsv.value()).isEqualTo(json.find(fromCsv.type(), fromCsv.value()));
        }
    }

    @Test
    void csvHeaderInComment_setsColumnOrder() throws IOException {
        String csv = "# dst_port,dst_ip,malware,last_online,first_seen_utc\n"
                + "443,192.0.2.1,QakBot,2026-01-02,2026-01-01 10:00:00\n";

        Ioc ip = CollectingSink.parseText(new FeodoParser(), csv).find(IocType.IPV4, "192.0.2.1");

        assertThat(ip.description()).isEqualTo("Feodo Tracker: QakBot botnet C2 server. Observed on port 443");
        assertThat(ip.firstSeen()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(ip.lastSeen()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    }

    @Test
    void csvWithoutHeader_assumesPublishedOrder() throws IOException {
        String csv = "\uFEFF\"2026-01-01 10:00:00\",\"192.0.2.1\",\"447\",\"online\",\"2026-01-02\",\"Pikabot\"\r\n";

        Ioc ip = CollectingSink.parseText(new FeodoParser(), csv).find(IocType.IPV4, "192.0.2.1");

        assertThat(ip.description()).isEqualTo("Feodo Tracker: Pikabot botnet C2 server. Observed on port 447");
        assertThat(ip.firstSeen()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(strings = {"0", "65536", "-1", "443.0", "https", "4 43", "123456"})
    void csvInvalidPort_rejectsRow(String port) throws IOException {
        String csv = "first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware\n"
                + "2026-01-01 10:00:00,192.0.2.1," + port + ",online,2026-01-02,QakBot\n";

        CollectingSink sink = CollectingSink.parseText(new FeodoParser(), csv);

        assertThat(sink.iocs).isEmpty();
        assertThat(sink.rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.location()).isEqualTo("line 2");
            assertThat(rejection.value()).isEqualTo(port);
            assertThat(rejection.reason()).isEqualTo("invalid dst_port: expected a whole number from 1 to 65535");
        });
    }

    @Test
    void csvAddressWithOtherPort_isRejected() throws IOException {
        String csv = "first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware\n"
                + "2026-01-01 10:00:00,192.0.2.1:443,8080,online,2026-01-02,QakBot\n"
                + "2026-01-01 10:00:00,198.51.100.0/24,,online,2026-01-02,QakBot\n";

        CollectingSink sink = CollectingSink.parseText(new FeodoParser(), csv);

        assertThat(sink.iocs).isEmpty();
        assertThat(sink.reasons()).containsExactly(
                "line 2: '192.0.2.1:443': dst_ip carries port 443 but the dst_port field is 8080",
                "line 3: '198.51.100.0/24': dst_ip must be a single address, not a CIDR block");
    }

    private static String truncated() {
        return """
                [{"ip_address": "192.0.2.10", "port": 8080, "malware": "Emotet"},
                 {"ip_address": "198.51.100.20", "port": 443, "malware": "QakBot"},
                 {"ip_address": "198.51.100.21", "po""";
    }
}
