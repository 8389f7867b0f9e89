package iocd.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.store.StoredIoc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compares rendered objects with the expected JSON under {@code src/test/resources/golden/}. Ids and times are
 * fixed, and the trees are compared after parsing, so only content counts, not whitespace or key order.
 */
class GoldenFilesTest {
    private final StixRenderer renderer = Fixtures.renderer();

    static StoredIoc ipv4Indicator() {
        return Fixtures.ioc(IocType.IPV4, "198.51.100.7")
                .confidence(80)
                .validUntil(Fixtures.EXPIRY)
                .tags("botnet", "emotet")
                .killChainPhases("command-and-control")
                .reference("https://example.com/reports/emotet-c2")
                .build();
    }

    static StoredIoc urlIndicator() {
        return Fixtures.ioc(IocType.URL, "http://evil.example.org/it's\\payload")
                .id("3d4e5f60-7182-493a-8c4d-5e6f708192a3")
                .description("Download location of a loader.")
                .confidence(40)
                .sourceTlp(Tlp.AMBER_STRICT)
                .revoked(true)
                .build();
    }

    static StoredIoc sha256Indicator() {
        return Fixtures.ioc(IocType.SHA256, "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f")
                .id("4e5f6071-8293-44ab-9d5e-6f708192a3b4")
                .name("Loader sample")
                .indicatorTypes("malicious-activity", "attribution")
                .validUntil(Fixtures.FIRST_SEEN)
                .build();
    }

    static StoredIoc vulnerability() {
        return Fixtures.ioc(IocType.CVE, "CVE-2021-44228")
                .id("1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7081")
                .name("Log4Shell")
                .description("Remote code execution through JNDI lookups in log messages.")
                .confidence(100)
                .tags("log4j")
                .reference("https://example.com/advisories/log4shell")
                .build();
    }

    static StoredIoc attackPattern() {
        return Fixtures.ioc(IocType.MITRE_ATTACK, "T1059.001")
                .id("2c3d4e5f-6071-4829-ab3c-4d5e6f708192")
                .name("PowerShell")
                .killChainPhases("execution")
                .sourceTlp(Tlp.GREEN)
                .build();
    }

    @Test
    void indicator_matchesGolden() {
        assertMatches(Fixtures.object(renderer, ipv4Indicator(), RenderOptions.DEFAULT), "indicator.json");
    }

    @Test
    void vulnerability_matchesGolden() {
        assertMatches(Fixtures.object(renderer, vulnerability(), RenderOptions.DEFAULT), "vulnerability.json");
    }

    @Test
    void attackPattern_matchesGolden() {
        assertMatches(Fixtures.object(renderer, attackPattern(), RenderOptions.DEFAULT), "attack-pattern.json");
    }

    @Test
    void identity_matchesGolden() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var g = renderer.createGenerator(out)) {
            renderer.writeIdentity(g);
        }
        assertMatches(Fixtures.parse(out), "identity.json");
    }

    @Test
    void marking_matchesGolden() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var g = renderer.createGenerator(out)) {
            renderer.writeMarking(g, Tlp.GREEN);
        }
        assertMatches(Fixtures.parse(out), "marking-definition.json");
    }

    @Test
    void bundle_matchesGolden() {
        List<StoredIoc> page = List.of(ipv4Indicator(), urlIndicator(), sha256Indicator(), vulnerability(),
                attackPattern());

        assertMatches(Fixtures.bundle(renderer, page, RenderOptions.DEFAULT), "bundle.json");
    }

    @Test
    void bundleWithForcedTlp_matchesGolden() {
        RenderOptions options = new RenderOptions(false, true, Tlp.AMBER);
        List<StoredIoc> page = List.of(ipv4Indicator(), urlIndicator());

        assertMatches(Fixtures.bundle(renderer, page, options), "bundle-amber-anonymous.json");
    }

    private static void assertMatches(JsonNode actual, String goldenFile) {
        assertThat(actual).as(goldenFile).isEqualTo(golden(goldenFile));
    }

    private static JsonNode golden(String name) {
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s on the test class path", name).isNotNull();
            return Fixtures.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read golden file " + name, e);
        }
    }
}
