package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FormatDetectorTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            threatfox/export.json    | THREATFOX
            threatfox/defanged.json  | THREATFOX
            urlhaus/online.csv       | URLHAUS
            plain/mixed.txt          | PLAIN
            csv/named-columns.csv    | CSV
            csv/excel-resaved.csv    | CSV
            csv/type-column.csv      | CSV
            csv/headerless.csv       | CSV
            kev/catalog.json         | KEV
            stix/bundle21.json       | STIX
            stix/bundle20.json       | STIX
            misp/event.json          | MISP
            feodo/blocklist.json     | FEODO
            feodo/ipblocklist.csv    | FEODO
            """)
    void fixture_isDetected(String resource, Format expected) throws IOException {
        try (var in = new BufferedInputStream(getClass().getResourceAsStream("/ingest/" + resource))) {
            assertThat(FormatDetector.detect(in)).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '{"type": "bundle", "id": "bundle--x"}'                                | STIX
            '{"more": false, "objects": [{"type": "indicator", "id": "indicator--0f6f1f0e-8b9e-4d6c-9f2e-8e0b7a1c2d3e"}]}' | STIX
            '[{"Event": {}}]'                                                     | MISP
            '{"catalogVersion": "1", "vulnerabilities": []}'                      | KEV
            '{"query_status": "ok", "data": [{"ioc_value": "x"}]}'                | THREATFOX
            'id,dateadded,url,url_status'                                         | URLHAUS
            '"id","dateadded","url","url_status"'                                 | URLHAUS
            '192.0.2.1	7'                                                         | PLAIN
            'd41d8cd98f00b204e9800998ecf8427e;comment, with comma'                | PLAIN
            '# header, with comma'                                                | PLAIN
            'ioc,type'                                                            | CSV
            '[{"ip_address": "192.0.2.1", "port": 443, "malware": "QakBot"}]'    | FEODO
            ' [ {"first_seen": "2026-01-13 21:41:15", "ip_address": "2001:db8::1"}]' | FEODO
            '[{"ip_address": "192.0.2.1", "hostname": "{x}", "malware": "QakBot"}]' | FEODO
            '[{"Event": {"Attribute": [{"ip_address": "192.0.2.1", "first_seen": "x"}]}}]' | MISP
            '[{"ip_address": "192.0.2.1", "Event": {"first_seen": "x"}}]'          | MISP
            '{"type": "bundle", "objects": [{"ip_address": "192.0.2.1", "malware": "x"}]}' | STIX
            '{"objects": [{"type": "indicator", "id": "indicator--0f6f1f0e-8b9e-4d6c-9f2e-8e0b7a1c2d3e", "ip_address": "192.0.2.1", "first_seen": "x"}]}' | STIX
            '{"data": [{"ioc_value": "192.0.2.1:443", "ip_address": "192.0.2.1", "malware": "x"}]}' | THREATFOX
            '{"iocs": [{"ioc": "192.0.2.1:443", "ip_address": "192.0.2.1", "first_seen": "x"}]}' | THREATFOX
            '{"catalogVersion": "1", "vulnerabilities": [{"ip_address": "192.0.2.1", "first_seen": "x"}]}' | KEV
            '"first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"' | FEODO
            '# Firstseen,DstIP,DstPort,LastOnline,Malware'                        | FEODO
            'dst_ip,dst_port,malware'                                             | CSV
            'first_seen,dst_ip,dst_port,last_seen,malware'                        | CSV
            """)
    void content_isDetected(String head, Format expected) {
        assertThat(FormatDetector.detect(head)).isEqualTo(expected);
    }

    @Test
    void bomBeforeJson_isIgnored() {
        assertThat(FormatDetector.detect("\uFEFF{\"Event\": {}}")).isEqualTo(Format.MISP);
    }

    @Test
    void utf16Input_isRefusedWithFix() {
        byte[] bytes = "ioc,type\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[bytes.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(bytes, 0, withBom, 2, bytes.length);

        assertThatThrownBy(() -> FormatDetector.detect(new BufferedInputStream(new ByteArrayInputStream(withBom))))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("save it as UTF-8");
    }

    @Test
    void unknownJson_namesTheFormats() {
        assertThatThrownBy(() -> FormatDetector.detect("{\"hello\": 1}"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("threatfox, urlhaus, plain, csv, kev, stix, misp, feodo");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "[{\"ip_address\": \"192.0.2.1\", \"port\": 443}]",
            "[{\"malware\": \"QakBot\", \"first_seen\": \"2026-01-13\"}]",
            "[\"192.0.2.1\", {\"ip_address\": \"192.0.2.1\", \"malware\": \"QakBot\"}]",
            "[{\"nested\": {\"ip_address\": \"192.0.2.1\", \"malware\": \"QakBot\"}}]",
            "{\"ip_address\": \"192.0.2.1\", \"malware\": \"QakBot\"}",
            "[{\"value\": \"ip_address\", \"type\": \"malware\"}]"})
    void feodoLookalike_isNotDetected(String json) {
        assertThatThrownBy(() -> FormatDetector.detect(json))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("name the format");
    }

    @Test
    void emptyInput_isReported() {
        assertThatThrownBy(() -> FormatDetector.detect("  \n"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void detect_leavesStreamUnread() throws IOException {
        byte[] bytes = "ioc,type\n192.0.2.1,ip\n".getBytes(StandardCharsets.UTF_8);
        var in = new BufferedInputStream(new ByteArrayInputStream(bytes));

        FormatDetector.detect(in);

        assertThat(in.readAllBytes()).isEqualTo(bytes);
    }

    @Test
    void formatNames_roundTrip() {
        for (Format format : Format.values()) {
            assertThat(Format.fromName(" " + format.formatName().toUpperCase(java.util.Locale.ROOT)))
                    .contains(format);
        }
        assertThat(Format.fromName("xml")).isEmpty();
    }
}
