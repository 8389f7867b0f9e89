package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StixParserTest {

    @Test
    void bundle21_readsIndicatorsVulnerabilitiesAndTechniques() throws IOException {
        CollectingSink sink = CollectingSink.parse(new StixParser(), "stix/bundle21.json");

        assertThat(sink.values()).containsExactly("198.51.100.1", "c2.example.com",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "CVE-2012-0158",
                "CVE-2013-0422", "T1218.011", "T0999");
        assertThat(sink.skipped).containsExactly("identity", "relationship");
    }

    @Test
    void indicator_takesCommonProperties() throws IOException {
        CollectingSink sink = CollectingSink.parse(new StixParser(), "stix/bundle21.json");
        Ioc ip = sink.find(IocType.IPV4, "198.51.100.1");

        assertThat(ip.confidence()).isEqualTo(85);
        assertThat(ip.firstSeen()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(ip.validUntil()).isEqualTo(Instant.parse("2026-12-31T00:00:00Z"));
        assertThat(ip.tags()).containsExactly("exampleRAT");
        assertThat(ip.indicatorTypes()).containsExactly("malicious-activity");
        assertThat(ip.killChainPhases()).as("only ATT&CK kill chains").containsExactly("command-and-control");
        assertThat(ip.sourceTlp()).isEqualTo(Tlp.AMBER);
        assertThat(ip.reference()).isEqualTo("https://example.com/report");
        assertThat(ip.description()).isEqualTo("C2 of the example campaign");
        assertThat(ip.source()).isEqualTo("stix");
        assertThat(sink.find(IocType.DOMAIN, "c2.example.com").sourceTlp()).isEqualTo(Tlp.AMBER);
    }

    @Test
    void unsupportedPatterns_areRejectedWithReason() throws IOException {
        CollectingSink sink = CollectingSink.parse(new StixParser(), "stix/bundle21.json");

        assertThat(sink.rejections).extracting(Rejection::location).containsExactly(
                "object 4 (indicator--1a6f1f0e-8b9e-4d6c-9f2e-8e0b7a1c2d3e)",
                "object 5 (indicator--2b6f1f0e-8b9e-4d6c-9f2e-8e0b7a1c2d3e)",
                "object 8 (vulnerability--5e6f1f0e-8b9e-4d6c-9f2e-8e0b7a1c2d3e)");
        assertThat(sink.rejections.get(0).reason()).contains("not a simple comparison pattern");
        assertThat(sink.rejections.get(1).reason()).contains("pattern_type 'sigma' is not supported");
        assertThat(sink.rejections.get(2).reason()).contains("no CVE id");
    }

    @Test
    void attackPattern_keepsNamePhasesAndDeprecation() throws IOException {
        CollectingSink sink = CollectingSink.parse(new StixParser(), "stix/bundle21.json");

        Ioc technique = sink.find(IocType.MITRE_ATTACK, "T1218.011");
        assertThat(technique.name()).isEqualTo("Rundll32");
        assertThat(technique.killChainPhases()).containsExactly("defense-evasion");
        assertThat(technique.reference()).isEqualTo("https://attack.mitre.org/techniques/T1218/011");
        assertThat(technique.revoked()).isFalse();
        assertThat(technique.indicatorTypes()).isEmpty();
        assertThat(sink.find(IocType.MITRE_ATTACK, "T0999").revoked()).as("deprecated").isTrue();
    }

    @Test
    void vulnerability_nameStaysDefault() throws IOException {
        CollectingSink sink = CollectingSink.parse(new StixParser(), "stix/bundle21.json");

        assertThat(sink.find(IocType.CVE, "CVE-2012-0158").name()).isNull();
    }

    @Test
    void bundle20_mapsLabelsAndBundleMarkings() throws IOException {
        CollectingSink sink = CollectingSink.parse(new StixParser(), "stix/bundle20.json");

        Ioc url = sink.find(IocType.URL, "http://files.example.com/a.vbs");
        assertThat(url.indicatorTypes()).containsExactly("malicious-activity");
        assertThat(url.tags()).containsExactly("darkgate");
        assertThat(url.sourceTlp()).as("TLP from the bundle's own marking-definition").isEqualTo(Tlp.RED);
        assertThat(sink.find(IocType.MD5, "d41d8cd98f00b204e9800998ecf8427e").sourceTlp())
                .as("STIX TLP 1.0 white").isEqualTo(Tlp.CLEAR);
        assertThat(sink.find(IocType.MITRE_ATTACK, "T1059.001").killChainPhases()).containsExactly("execution");
        assertThat(sink.skipped).containsExactly("marking-definition", "report");
        assertThat(sink.rejections).isEmpty();
    }

    @Test
    void markings_upperCaseAndGranularRefsCount() throws IOException {
        String red = Tlp.RED.markingId().toUpperCase(java.util.Locale.ROOT).replace("MARKING-DEFINITION--",
                "marking-definition--");
        String bundle = """
                {"type": "bundle", "id": "bundle--0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e", "objects": [
                 {"type": "indicator", "spec_version": "2.1", "id": "indicator--1b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
                  "pattern": "[ipv4-addr:value = '192.0.2.61']", "pattern_type": "stix",
                  "object_marking_refs": ["%s"]},
                 {"type": "indicator", "spec_version": "2.1", "id": "indicator--2b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
                  "pattern": "[ipv4-addr:value = '192.0.2.62']", "pattern_type": "stix",
                  "granular_markings": [{"marking_ref": "%s", "selectors": ["pattern"]}]},
                 {"type": "indicator", "spec_version": "2.1", "id": "indicator--3b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
                  "pattern": "[ipv4-addr:value = '192.0.2.63']", "pattern_type": "stix",
                  "object_marking_refs": ["MARKING-DEFINITION--7A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"]},
                 {"type": "marking-definition", "spec_version": "2.1",
                  "id": "marking-definition--7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                  "definition_type": "tlp", "definition": {"tlp": "red"}}]}""".formatted(red, Tlp.RED.markingId());
        CollectingSink sink = new CollectingSink();

        new StixParser().parse(new java.io.ByteArrayInputStream(bundle.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), sink);

        assertThat(sink.find(IocType.IPV4, "192.0.2.61").sourceTlp()).as("upper-case hex").isEqualTo(Tlp.RED);
        assertThat(sink.find(IocType.IPV4, "192.0.2.62").sourceTlp()).as("granular marking").isEqualTo(Tlp.RED);
        assertThat(sink.find(IocType.IPV4, "192.0.2.63").sourceTlp()).as("bundle marking defined after its use")
                .isEqualTo(Tlp.RED);
    }

    @Test
    void truncatedBundle_stopsAfterCompleteObjects() throws IOException {
        String bundle = "{\"type\": \"bundle\", \"objects\": [{\"type\": \"indicator\", \"pattern\": "
                + "\"[ipv4-addr:value = '192.0.2.8']\", \"pattern_type\": \"stix\"}, {\"type\": \"indic";
        CollectingSink sink = new CollectingSink();

        assertThatThrownBy(() -> new StixParser().parse(
                new java.io.ByteArrayInputStream(bundle.getBytes(java.nio.charset.StandardCharsets.UTF_8)), sink))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("invalid JSON at line 1");
        assertThat(sink.values()).containsExactly("192.0.2.8");
    }

    @Test
    void hugeString_stopsCleanly() {
        String bundle = "{\"type\": \"bundle\", \"objects\": [{\"type\": \"note\", \"content\": \""
                + "a".repeat(2 * JsonFeeds.MAX_STRING_LENGTH) + "\"}]}";

        assertThatThrownBy(() -> CollectingSink.parseText(new StixParser(), bundle))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("invalid JSON at line 1")
                .hasMessageContaining("String value length");
    }

    @Test
    void invalidUtf8_stopsCleanly() {
        byte[] bytes = "{\"type\": \"bundle\", \"objects\": [{\"type\": \"x\u00e9\"}]}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> new StixParser().parse(new java.io.ByteArrayInputStream(bytes), new CollectingSink()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("Invalid UTF-8");
    }

    @Test
    void nulInBundleType_namesLine() {
        String bundle = "{\n\"type\": \"bun\u0000dle\",\n\"objects\": []}";

        assertThatThrownBy(() -> CollectingSink.parseText(new StixParser(), bundle))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("invalid JSON at line 2: ")
                .hasMessageContaining("CTRL-CHAR, code 0")
                .hasMessageContaining("has to be escaped");
    }

    @Test
    void nulInSkippedProperty_namesLine() {
        String bundle = "{\"type\": \"bundle\",\n\"x_extra\": {\"note\": [\"a\u0000b\"]},\n\"objects\": []}";

        assertThatThrownBy(() -> CollectingSink.parseText(new StixParser(), bundle))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("invalid JSON at line 2: ")
                .hasMessageContaining("CTRL-CHAR, code 0");
    }

    @Test
    void singleObject_isNotABundle() {
        assertThatThrownBy(() -> CollectingSink.parseText(new StixParser(), "{\"type\": \"indicator\"}"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("expected a STIX bundle, found an object of type 'indicator'");
    }
}
