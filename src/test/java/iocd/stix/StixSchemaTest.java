package iocd.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.store.StoredIoc;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks rendered output against the OASIS STIX 2.1 JSON schemas, and skips when no schema folder is configured. */
class StixSchemaTest {
    private static StixSchemaValidator validator;

    private final StixRenderer renderer = Fixtures.renderer();

    @BeforeAll
    static void loadSchemas() {
        Optional<StixSchemaValidator> loaded = StixSchemaValidator.load();
        assumeTrue(loaded.isPresent(), "OASIS STIX schemas not configured (IOCD_TEST_SCHEMAS)");
        validator = loaded.get();
    }

    @Test
    void everyIocType_rendersValidObject() {
        for (StoredIoc ioc : everyType()) {
            for (RenderOptions options : List.of(RenderOptions.DEFAULT, new RenderOptions(false, false, Tlp.RED))) {
                JsonNode object = Fixtures.object(renderer, ioc, options);

                assertThat(validator.validate(object)).as("%s with %s", object, options).isEmpty();
            }
        }
    }

    @Test
    void goldenPage_rendersValidBundleAndObjects() {
        List<StoredIoc> page = List.of(GoldenFilesTest.ipv4Indicator(), GoldenFilesTest.urlIndicator(),
                GoldenFilesTest.sha256Indicator(), GoldenFilesTest.vulnerability(), GoldenFilesTest.attackPattern());

        JsonNode bundle = Fixtures.bundle(renderer, page, RenderOptions.DEFAULT);

        assertThat(validator.validate(bundle)).isEmpty();
        List<String> types = new ArrayList<>();
        for (JsonNode object : bundle.get("objects")) {
            types.add(object.get("type").asText());
            assertThat(validator.validate(object)).as(object.toString()).isEmpty();
        }
        assertThat(types).contains("identity", "marking-definition", "indicator", "vulnerability", "attack-pattern");
    }

    @Test
    void emptyBundle_isValid() {
        assertThat(validator.validate(Fixtures.bundle(renderer, List.of(), new RenderOptions(false, false, null))))
                .isEmpty();
    }

    @Test
    void everyMarking_isValid() {
        List<StoredIoc> page = new ArrayList<>();
        for (Tlp tlp : Tlp.values()) {
            page.add(Fixtures.ioc(IocType.IPV4, "198.51.100.7").sourceTlp(tlp).build());
        }

        JsonNode bundle = Fixtures.bundle(renderer, page, RenderOptions.DEFAULT);

        for (JsonNode object : bundle.get("objects")) {
            assertThat(validator.validate(object)).as(object.toString()).isEmpty();
        }
    }

    // The checks below make sure the validator can fail, so the passing checks above mean something.

    @Test
    void validator_rejectsCreatedWithoutMilliseconds() {
        ObjectNode object = (ObjectNode) Fixtures.object(renderer, GoldenFilesTest.ipv4Indicator(),
                RenderOptions.DEFAULT);
        object.put("created", "2026-05-01T10:00:00Z");

        assertThat(validator.validate(object)).isNotEmpty();
    }

    @Test
    void validator_rejectsLowercaseCveId() {
        ObjectNode object = (ObjectNode) Fixtures.object(renderer, GoldenFilesTest.vulnerability(),
                RenderOptions.DEFAULT);
        ((ObjectNode) object.get("external_references").get(0)).put("external_id", "cve-2021-44228");

        assertThat(validator.validate(object)).isNotEmpty();
    }

    @Test
    void validator_rejectsIndicatorWithoutPattern() {
        ObjectNode object = (ObjectNode) Fixtures.object(renderer, GoldenFilesTest.ipv4Indicator(),
                RenderOptions.DEFAULT);
        object.remove("pattern");

        assertThat(validator.validate(object)).isNotEmpty();
    }

    @Test
    void validator_reportsUnknownType() {
        ObjectNode object = Fixtures.MAPPER.createObjectNode().put("type", "no-such-type");

        assertThat(validator.validate(object)).singleElement().asString().contains("no-such-type");
    }

    private static List<StoredIoc> everyType() {
        List<StoredIoc> iocs = new ArrayList<>();
        for (IocType type : IocType.values()) {
            iocs.add(Fixtures.ioc(type, sampleValue(type))
                    .id(String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", type.ordinal() + 1))
                    .confidence(75)
                    .validUntil(Fixtures.EXPIRY)
                    .tags("test")
                    .killChainPhases("initial-access")
                    .reference("https://example.com/reports/1")
                    .revoked(type == IocType.URL)
                    .build());
        }
        return iocs;
    }

    private static String sampleValue(IocType type) {
        return switch (type) {
            case IPV4 -> "203.0.113.0/24";
            case IPV6 -> "2001:db8::1";
            case DOMAIN -> "evil.example.com";
            case URL -> "http://evil.example.com/it's\\here";
            case MD5 -> "79054025255fb1a26e4bc422aef54eb4";
            case SHA1 -> "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12";
            case SHA256 -> "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f";
            case SHA512 -> "ab".repeat(64);
            case EMAIL -> "bad@example.org";
            case CVE -> "CVE-2021-44228";
            case MITRE_ATTACK -> "T1059.001";
        };
    }
}
