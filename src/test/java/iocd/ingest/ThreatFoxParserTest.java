package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThreatFoxParserTest {

    @Test
    void export_readsEveryUsableRecord() throws IOException {
        CollectingSink sink = CollectingSink.parse(new ThreatFoxParser(), "threatfox/export.json");

        assertThat(sink.values()).containsExactly("192.0.2.10", "c2.example.com",
                "http://download.example.org/payload.exe", "d41d8cd98f00b204e9800998ecf8427e",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(sink.rejections).hasSize(3);
    }

    @Test
    void export_mapsBotnetCcFields() throws IOException {
        CollectingSink sink = CollectingSink.parse(new ThreatFoxParser(), "threatfox/export.json");
        Ioc ip = sink.find(IocType.IPV4, "192.0.2.10");

        assertThat(ip.killChainPhases()).containsExactly("command-and-control");
        assertThat(ip.indicatorTypes()).containsExactly("malicious-activity");
        assertThat(ip.tags()).as("aliases deduplicated ignoring case").containsExactly("exrat", "c2", "ExampleRAT", "Example Remote");
        assertThat(ip.firstSeen()).isEqualTo(Instant.parse("2026-07-24T13:50:00Z"));
        assertThat(ip.lastSeen()).isEqualTo(Instant.parse("2026-07-25T08:00:00Z"));
        assertThat(ip.confidence()).isEqualTo(100);
        assertThat(ip.reference()).isEqualTo("https://example.com/report/1");
        assertThat(ip.source()).isEqualTo("threatfox");
        assertThat(ip.description()).isEqualTo("ThreatFox: ExampleRAT botnet_cc. Observed on port 443");
    }

    @Test
    void export_mapsOtherThreatTypes() throws IOException {
        CollectingSink sink = CollectingSink.parse(new ThreatFoxParser(), "threatfox/export.json");

        Ioc url = sink.find(IocType.URL, "http://download.example.org/payload.exe");
        assertThat(url.killChainPhases()).containsExactly("initial-access");
        assertThat(url.tags()).as("'Unknown malware' is no family").isEmpty();
        Ioc hash = sink.find(IocType.MD5, "d41d8cd98f00b204e9800998ecf8427e");
        assertThat(hash.killChainPhases()).containsExactly("execution");
        Ioc domain = sink.find(IocType.DOMAIN, "c2.example.com");
        assertThat(domain.indicatorTypes()).containsExactly("malicious-activity", "compromised");
    }

    @Test
    void export_rejectsWithReasons() throws IOException {
        CollectingSink sink = CollectingSink.parse(new ThreatFoxParser(), "threatfox/export.json");

        assertThat(sink.rejections).extracting(Rejection::location)
                .containsExactly("record 9000006", "record 9000007", "record 9000008");
        assertThat(sink.rejections.get(1).reason()).contains("unsupported ThreatFox ioc_type 'sha3_384_hash'");
        assertThat(sink.rejections.get(2).reason()).contains("invalid first_seen_utc");
    }

    @Test
    void defangedVariant_refangsValues() throws IOException {
        CollectingSink sink = CollectingSink.parse(new ThreatFoxParser(), "threatfox/defanged.json");

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.find(IocType.DOMAIN, "bad.example.com").tags()).containsExactly("ClearFake");
        Ioc ip = sink.find(IocType.IPV4, "198.51.100.7");
        assertThat(ip.firstSeen()).isEqualTo(Instant.parse("2026-08-22T21:05:05Z"));
        assertThat(ip.confidence()).isEqualTo(100);
        assertThat(sink.find(IocType.URL, "http://evil.example.net:9210/teams").tags()).isEmpty();
        assertThat(sink.findOptional(IocType.SHA256,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")).isPresent();
    }

    @Test
    void truncatedJson_stopsWithLine() {
        assertThatThrownBy(() -> CollectingSink.parse(new ThreatFoxParser(), "threatfox/truncated.json"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("invalid JSON at line");
    }

    @Test
    void truncatedJson_keepsRecordsBeforeTheCut() {
        CollectingSink sink = new CollectingSink();
        try (var in = getClass().getResourceAsStream("/ingest/threatfox/truncated.json")) {
            new ThreatFoxParser().parse(in, sink);
        } catch (ImportException | IOException expected) {
            // the records before the cut are what matters here
        }
        assertThat(sink.values()).containsExactly("192.0.2.10");
    }

    @Test
    void notAnObject_isMalformed() {
        assertThatThrownBy(() -> CollectingSink.parseText(new ThreatFoxParser(), "[1, 2]"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("expected a JSON object keyed by ioc_id");
    }
}
