package iocd.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.store.StoredIoc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StixRendererTest {
    private static final String EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
    private static final RenderOptions ANONYMOUS = new RenderOptions(false, true, null);
    private static final RenderOptions BARE = new RenderOptions(false, false, null);

    private final StixRenderer renderer = Fixtures.renderer();

    private static StoredIoc ipv4() {
        return Fixtures.ioc(IocType.IPV4, "198.51.100.7").build();
    }

    // Identity

    @Test
    void identityOn_everyObjectReferencesIdentity() {
        JsonNode bundle = Fixtures.bundle(renderer, allKinds(), RenderOptions.DEFAULT);

        JsonNode objects = bundle.get("objects");
        assertThat(objects.get(0).get("type").asText()).isEqualTo("identity");
        assertThat(objects.get(0).get("id").asText()).isEqualTo(Fixtures.IDENTITY_ID);
        for (JsonNode object : sdos(bundle)) {
            assertThat(object.path("created_by_ref").asText()).as(object.get("id").asText())
                    .isEqualTo(Fixtures.IDENTITY_ID);
        }
    }

    @Test
    void identityOff_omitsIdentityAndCreatedByRef() {
        JsonNode bundle = Fixtures.bundle(renderer, allKinds(), ANONYMOUS);

        for (JsonNode object : bundle.get("objects")) {
            assertThat(object.get("type").asText()).isNotEqualTo("identity");
            assertThat(object.has("created_by_ref")).as(object.get("id").asText()).isFalse();
        }
    }

    @Test
    void identity_usesConfiguredName() throws IOException {
        StixRenderer named = new StixRenderer(new RenderSettings("Example CERT", Fixtures.IDENTITY_ID,
                Fixtures.IDENTITY_CREATED, 70));

        JsonNode bundle = Fixtures.bundle(named, List.of(), RenderOptions.DEFAULT);

        assertThat(bundle.get("objects").get(0).get("name").asText()).isEqualTo("Example CERT");
    }

    // Markings

    @ParameterizedTest
    @EnumSource(Tlp.class)
    void marking_hasExactOasisShape(Tlp tlp) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var g = renderer.createGenerator(out)) {
            renderer.writeMarking(g, tlp);
        }
        JsonNode marking = Fixtures.parse(out);

        assertThat(fieldNames(marking)).containsExactly("type", "spec_version", "id", "created", "name", "extensions");
        assertThat(marking.get("type").asText()).isEqualTo("marking-definition");
        assertThat(marking.get("spec_version").asText()).isEqualTo("2.1");
        assertThat(marking.get("id").asText()).isEqualTo(tlp.markingId());
        assertThat(marking.get("created").asText()).isEqualTo("2022-10-01T00:00:00.000Z");
        assertThat(marking.get("name").asText()).isEqualTo(tlp.stixName());
        assertThat(fieldNames(marking.get("extensions"))).containsExactly(EXTENSION);
        JsonNode extension = marking.get("extensions").get(EXTENSION);
        assertThat(fieldNames(extension)).containsExactly("extension_type", "tlp_2_0");
        assertThat(extension.get("extension_type").asText()).isEqualTo("property-extension");
        assertThat(extension.get("tlp_2_0").asText()).isEqualTo(tlp.apiName());
    }

    @Test
    void bundle_includesReferencedMarkingsOnceInTlpOrder() {
        List<StoredIoc> page = List.of(
                Fixtures.ioc(IocType.IPV4, "198.51.100.1").sourceTlp(Tlp.RED).build(),
                Fixtures.ioc(IocType.IPV4, "198.51.100.2").build(),
                Fixtures.ioc(IocType.IPV4, "198.51.100.3").sourceTlp(Tlp.AMBER).build(),
                Fixtures.ioc(IocType.IPV4, "198.51.100.4").sourceTlp(Tlp.RED).build());

        JsonNode bundle = Fixtures.bundle(renderer, page, ANONYMOUS);

        assertThat(idsOfType(bundle, "marking-definition"))
                .containsExactly(Tlp.CLEAR.markingId(), Tlp.AMBER.markingId(), Tlp.RED.markingId());
    }

    @Test
    void markingsOff_keepsReferencesButOmitsDefinitions() {
        JsonNode bundle = Fixtures.bundle(renderer, List.of(ipv4()), BARE);

        assertThat(idsOfType(bundle, "marking-definition")).isEmpty();
        assertThat(bundle.get("objects").get(0).get("object_marking_refs").get(0).asText())
                .isEqualTo(Tlp.CLEAR.markingId());
    }

    @Test
    void effectiveTlp_followsConfidenceThreshold() {
        assertThat(renderer.effectiveTlp(Fixtures.ioc(IocType.IPV4, "198.51.100.7").confidence(70).build(), null))
                .isEqualTo(Tlp.GREEN);
        assertThat(renderer.effectiveTlp(Fixtures.ioc(IocType.IPV4, "198.51.100.7").confidence(69).build(), null))
                .isEqualTo(Tlp.CLEAR);
        assertThat(renderer.effectiveTlp(ipv4(), null)).isEqualTo(Tlp.CLEAR);
    }

    @Test
    void effectiveTlp_usesConfiguredThreshold() {
        StixRenderer lenient = new StixRenderer(new RenderSettings("SOC Defenders", Fixtures.IDENTITY_ID,
                Fixtures.IDENTITY_CREATED, 50));

        assertThat(lenient.effectiveTlp(Fixtures.ioc(IocType.IPV4, "198.51.100.7").confidence(50).build(), null))
                .isEqualTo(Tlp.GREEN);
    }

    @Test
    void forcedTlp_neverLoosensMarking() {
        for (Tlp source : Tlp.values()) {
            for (Tlp requested : Tlp.values()) {
                StoredIoc ioc = Fixtures.ioc(IocType.IPV4, "198.51.100.7").sourceTlp(source).build();

                JsonNode object = Fixtures.object(renderer, ioc, new RenderOptions(false, false, requested));

                Tlp expected = source.compareTo(requested) >= 0 ? source : requested;
                assertThat(object.get("object_marking_refs").get(0).asText())
                        .as("source %s, requested %s", source, requested)
                        .isEqualTo(expected.markingId());
            }
        }
    }

    @Test
    void forcedTlp_replacesConfidenceDefault() {
        StoredIoc ioc = Fixtures.ioc(IocType.IPV4, "198.51.100.7").confidence(90).build();

        assertThat(renderer.effectiveTlp(ioc, null)).isEqualTo(Tlp.GREEN);
        assertThat(renderer.effectiveTlp(ioc, Tlp.CLEAR)).isEqualTo(Tlp.CLEAR);
        assertThat(renderer.effectiveTlp(ioc, Tlp.RED)).isEqualTo(Tlp.RED);
    }

    // Timestamps and validity

    @Test
    void timestamps_keepZeroMilliseconds() {
        JsonNode object = Fixtures.object(renderer, ipv4(), RenderOptions.DEFAULT);

        assertThat(object.get("created").asText()).isEqualTo("2026-05-01T10:00:00.000Z");
        assertThat(object.get("modified").asText()).isEqualTo("2026-05-02T11:30:15.250Z");
        assertThat(object.get("valid_from").asText()).isEqualTo("2026-04-30T22:15:00.000Z");
    }

    @Test
    void timestamps_truncateBelowMilliseconds() {
        StoredIoc ioc = Fixtures.ioc(IocType.IPV4, "198.51.100.7")
                .validFrom(Instant.parse("2026-04-30T22:15:00.123456789Z"))
                .build();

        JsonNode object = Fixtures.object(renderer, ioc, RenderOptions.DEFAULT);

        assertThat(object.get("valid_from").asText()).isEqualTo("2026-04-30T22:15:00.123Z");
    }

    @Test
    void identity_createdHasMilliseconds() {
        JsonNode identity = Fixtures.bundle(renderer, List.of(), RenderOptions.DEFAULT).get("objects").get(0);

        assertThat(identity.get("created").asText()).isEqualTo("2026-01-15T08:30:00.000Z");
        assertThat(identity.get("modified").asText()).isEqualTo(identity.get("created").asText());
    }

    @Test
    void validUntil_writtenWhenAfterValidFrom() {
        StoredIoc ioc = Fixtures.ioc(IocType.IPV4, "198.51.100.7")
                .validUntil(Fixtures.FIRST_SEEN.plusMillis(1))
                .build();

        JsonNode object = Fixtures.object(renderer, ioc, RenderOptions.DEFAULT);

        assertThat(object.get("valid_until").asText()).isEqualTo("2026-04-30T22:15:00.001Z");
    }

    @Test
    void validUntil_omittedUnlessAfterValidFrom() {
        List<Instant> notAfter = List.of(
                Fixtures.FIRST_SEEN,
                Fixtures.FIRST_SEEN.minusSeconds(3600),
                // Later, but the same timestamp once written at millisecond precision.
                Fixtures.FIRST_SEEN.plusNanos(500_000));
        for (Instant validUntil : notAfter) {
            StoredIoc ioc = Fixtures.ioc(IocType.IPV4, "198.51.100.7").validUntil(validUntil).build();

            JsonNode object = Fixtures.object(renderer, ioc, RenderOptions.DEFAULT);

            assertThat(object.has("valid_until")).as("valid_until %s", validUntil).isFalse();
        }
    }

    @Test
    void validUntil_omittedWhenUnknown() {
        assertThat(Fixtures.object(renderer, ipv4(), RenderOptions.DEFAULT).has("valid_until")).isFalse();
    }

    // Indicator properties

    @Test
    void indicator_omitsEmptyAndUnknownProperties() {
        JsonNode object = Fixtures.object(renderer, ipv4(), BARE);

        assertThat(fieldNames(object)).containsExactly("type", "spec_version", "id", "created", "modified", "name",
                "description", "indicator_types", "pattern", "pattern_type", "pattern_version", "valid_from",
                "object_marking_refs");
    }

    @Test
    void indicator_usesStoredNameAndTypes() {
        StoredIoc ioc = Fixtures.ioc(IocType.DOMAIN, "tor-exit.example.net")
                .name("Tor exit relay")
                .indicatorTypes("anonymization")
                .build();

        JsonNode object = Fixtures.object(renderer, ioc, RenderOptions.DEFAULT);

        assertThat(object.get("name").asText()).isEqualTo("Tor exit relay");
        assertThat(object.get("indicator_types").get(0).asText()).isEqualTo("anonymization");
        assertThat(object.get("indicator_types")).hasSize(1);
    }

    @Test
    void indicator_defaultNameFollowsIndicatorType() {
        StoredIoc benign = Fixtures.ioc(IocType.DOMAIN, "cdn.example.com").indicatorTypes("benign").build();

        assertThat(Fixtures.object(renderer, benign, BARE).get("name").asText())
                .isEqualTo("Domain - cdn.example.com");
        assertThat(Fixtures.object(renderer, ipv4(), BARE).get("name").asText())
                .isEqualTo("Malicious IPv4 Address - 198.51.100.7");
    }

    @Test
    void indicator_nameShowsUnicodeFormOfIdn() {
        StoredIoc ioc = Fixtures.ioc(IocType.DOMAIN, "xn--bcher-kva.example").build();

        JsonNode object = Fixtures.object(renderer, ioc, BARE);

        assertThat(object.get("name").asText()).isEqualTo("Malicious Domain - bücher.example (xn--bcher-kva.example)");
        assertThat(object.get("pattern").asText()).isEqualTo("[domain-name:value = 'xn--bcher-kva.example']");
    }

    @Test
    void indicator_storedDescriptionWins() {
        StoredIoc ioc = Fixtures.ioc(IocType.IPV4, "198.51.100.7").description("Observed on port 443").build();

        assertThat(Fixtures.object(renderer, ioc, BARE).get("description").asText()).isEqualTo("Observed on port 443");
    }

    @Test
    void revoked_writtenOnlyWhenTrue() {
        StoredIoc revoked = Fixtures.ioc(IocType.IPV4, "198.51.100.7").revoked(true).build();

        assertThat(Fixtures.object(renderer, revoked, BARE).get("revoked").asBoolean()).isTrue();
        assertThat(Fixtures.object(renderer, ipv4(), BARE).has("revoked")).isFalse();
    }

    @Test
    void confidence_outOfRangeRejected() {
        StoredIoc ioc = Fixtures.ioc(IocType.IPV4, "198.51.100.7").confidence(101).build();

        assertThatThrownBy(() -> Fixtures.object(renderer, ioc, BARE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("101")
                .hasMessageContaining(ioc.stixId());
    }

    // Vulnerability and attack-pattern

    @Test
    void vulnerability_namedByCveWithoutStoredName() {
        JsonNode object = Fixtures.object(renderer, Fixtures.ioc(IocType.CVE, "CVE-2024-12345").build(), BARE);

        assertThat(object.get("name").asText()).isEqualTo("CVE-2024-12345");
        assertThat(object.has("description")).isFalse();
        assertThat(object.has("pattern")).isFalse();
        assertThat(object.get("external_references").get(0).get("source_name").asText()).isEqualTo("cve");
        assertThat(object.get("external_references").get(0).get("external_id").asText()).isEqualTo("CVE-2024-12345");
    }

    @Test
    void attackPattern_namedByTechniqueWithoutStoredName() {
        JsonNode object = Fixtures.object(renderer, Fixtures.ioc(IocType.MITRE_ATTACK, "T1566").build(), BARE);

        assertThat(object.get("name").asText()).isEqualTo("T1566");
        assertThat(object.has("kill_chain_phases")).isFalse();
        JsonNode reference = object.get("external_references").get(0);
        assertThat(reference.get("source_name").asText()).isEqualTo("mitre-attack");
        assertThat(reference.get("external_id").asText()).isEqualTo("T1566");
        assertThat(reference.get("url").asText()).isEqualTo("https://attack.mitre.org/techniques/T1566/");
    }

    // Bundle and array layout

    @Test
    void bundle_hasNoSpecVersion() {
        JsonNode bundle = Fixtures.bundle(renderer, List.of(ipv4()), RenderOptions.DEFAULT);

        assertThat(fieldNames(bundle)).containsExactly("type", "id", "objects");
        assertThat(bundle.get("id").asText()).isEqualTo(Fixtures.BUNDLE_ID);
    }

    @Test
    void bundle_ordersIdentityMarkingsObjects() {
        JsonNode bundle = Fixtures.bundle(renderer, allKinds(), RenderOptions.DEFAULT);

        List<String> types = new ArrayList<>();
        bundle.get("objects").forEach(object -> types.add(object.get("type").asText()));
        assertThat(types).containsExactly("identity", "marking-definition", "marking-definition", "indicator",
                "vulnerability", "attack-pattern");
    }

    @Test
    void emptyPage_bundleWithoutObjectsWhenNothingToInclude() {
        assertThat(fieldNames(Fixtures.bundle(renderer, List.of(), BARE))).containsExactly("type", "id");
        assertThat(fieldNames(Fixtures.bundle(renderer, List.of(), ANONYMOUS))).containsExactly("type", "id");
    }

    @Test
    void emptyPage_bundleKeepsIdentity() {
        JsonNode objects = Fixtures.bundle(renderer, List.of(), RenderOptions.DEFAULT).get("objects");

        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).get("type").asText()).isEqualTo("identity");
    }

    @Test
    void objectsArray_matchesBundleObjects() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.writeObjectsArray(out, allKinds(), RenderOptions.DEFAULT);

        assertThat(Fixtures.parse(out)).isEqualTo(Fixtures.bundle(renderer, allKinds(), RenderOptions.DEFAULT)
                .get("objects"));
    }

    @Test
    void objectsArray_emptyPageIsEmptyArray() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.writeObjectsArray(out, List.of(), BARE);

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("[]");
    }

    @Test
    void writeBundle_leavesCallerStreamOpen() throws IOException {
        CloseTrackingStream out = new CloseTrackingStream();

        renderer.writeBundle(out, List.of(ipv4()), RenderOptions.DEFAULT, Fixtures.BUNDLE_ID);
        renderer.writeObjectsArray(out, List.of(ipv4()), RenderOptions.DEFAULT);

        assertThat(out.closed).isFalse();
        assertThat(out.size()).isPositive();
    }

    @Test
    void writeBundle_rejectsInvalidBundleId() {
        assertThatThrownBy(() -> renderer.writeBundle(new ByteArrayOutputStream(), List.of(), RenderOptions.DEFAULT,
                "indicator--0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indicator--0f9e8d7c");
    }

    // Settings

    @Test
    void settings_rejectInvalidIdentityId() {
        assertThatThrownBy(() -> RenderSettings.defaults("identity--not-a-uuid", Fixtures.IDENTITY_CREATED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identity--not-a-uuid");
    }

    @Test
    void settings_rejectThresholdAbove100() {
        assertThatThrownBy(() -> new RenderSettings("SOC Defenders", Fixtures.IDENTITY_ID, Fixtures.IDENTITY_CREATED,
                101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("101");
    }

    @Test
    void settings_rejectBlankIdentityName() {
        assertThatThrownBy(() -> new RenderSettings(" ", Fixtures.IDENTITY_ID, Fixtures.IDENTITY_CREATED, 70))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<StoredIoc> allKinds() {
        return List.of(
                Fixtures.ioc(IocType.IPV4, "198.51.100.7").confidence(90).build(),
                Fixtures.ioc(IocType.CVE, "CVE-2021-44228").id("1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7081").build(),
                Fixtures.ioc(IocType.MITRE_ATTACK, "T1059.001").id("2c3d4e5f-6071-4829-ab3c-4d5e6f708192").build());
    }

    private static List<JsonNode> sdos(JsonNode bundle) {
        List<JsonNode> sdos = new ArrayList<>();
        for (JsonNode object : bundle.get("objects")) {
            String type = object.get("type").asText();
            if (!type.equals("identity") && !type.equals("marking-definition")) {
                sdos.add(object);
            }
        }
        assertThat(sdos).isNotEmpty();
        return sdos;
    }

    private static List<String> idsOfType(JsonNode bundle, String type) {
        List<String> ids = new ArrayList<>();
        for (JsonNode object : bundle.get("objects")) {
            if (object.get("type").asText().equals(type)) {
                ids.add(object.get("id").asText());
            }
        }
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static final class CloseTrackingStream extends ByteArrayOutputStream {
        private boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
