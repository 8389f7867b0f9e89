package iocd.taxii;

import static iocd.taxii.TaxiiEndpointTest.envelope;
import static iocd.taxii.TaxiiEndpointTest.indicator;
import static iocd.taxii.TaxiiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.store.StoredIoc;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding objects changes only IOCs within the key's TLP clearance: an object that targets a hidden IOC fails
 * without naming it, and an object marked above the clearance is not stored.
 */
class TaxiiWriteClearanceTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String ALL = "/taxii2/api/collections/all/";

    private TaxiiServer taxii;
    private StoredIoc red;
    private StoredIoc amber;

    @BeforeEach
    void start(@TempDir Path dir) {
        taxii = new TaxiiServer(dir, NOW.minus(Duration.ofDays(1)));
        var stored = taxii.store.merge(List.of(
                Ioc.builder(IocType.IPV4, "198.51.100.130").confidence(90).sourceTlp(Tlp.RED).build(),
                Ioc.builder(IocType.IPV4, "198.51.100.131").confidence(90).sourceTlp(Tlp.AMBER).build())).outcomes();
        red = stored.get(0).current();
        amber = stored.get(1).current();
        taxii.clock.set(NOW);
    }

    @AfterEach
    void stop() {
        taxii.close();
    }

    private static String revoking(String id, String value) {
        return indicator(id, "[ipv4-addr:value = '" + value + "']").replace("\"confidence\":80}",
                "\"confidence\":80,\"revoked\":true}");
    }

    @Test
    void post_revocationAboveClearanceFailsWithoutId() {
        HttpResponse<String> response = taxii.post(ALL + "objects/", taxii.amberWriter,
                envelope(revoking("indicator--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "198.51.100.130")));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode status = json(response);
        assertThat(status.path("success_count").asInt()).isZero();
        assertThat(status.path("failure_count").asInt()).isEqualTo(1);
        assertThat(status.path("failures").get(0).path("message").asText())
                .contains("cannot be changed", "TLP:AMBER");
        assertThat(response.body()).doesNotContain(red.id().toString());
        assertThat(taxii.store.findById(red.id())).contains(red);
        JsonNode forRed = json(taxii.get(ALL + "objects/" + red.stixId() + "/", taxii.writer));
        assertThat(forRed.path("objects").get(0).has("revoked")).isFalse();
    }

    @Test
    void post_revocationWithinClearanceUpdates() {
        JsonNode status = json(taxii.post(ALL + "objects/", taxii.amberWriter,
                envelope(revoking("indicator--1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e", "198.51.100.131"))));

        assertThat(status.path("success_count").asInt()).isEqualTo(1);
        assertThat(status.path("successes").get(0).path("message").asText())
                .isEqualTo("updated as " + amber.stixId());
        assertThat(taxii.store.findById(amber.id()).orElseThrow().revoked()).isTrue();
    }

    @Test
    void post_mixedEnvelopeStoresAllowedObjects() {
        String markedRed = indicator("indicator--2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f",
                "[ipv4-addr:value = '198.51.100.133']").replace("\"confidence\":80}",
                "\"confidence\":80,\"object_marking_refs\":[\"" + Tlp.RED.markingId() + "\"]}");
        String fresh = indicator("indicator--3d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f7a",
                "[ipv4-addr:value = '198.51.100.132']");

        JsonNode status = json(taxii.post(ALL + "objects/", taxii.amberWriter, envelope(
                revoking("indicator--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "198.51.100.130"), fresh, markedRed)));

        assertThat(status.path("success_count").asInt()).isEqualTo(1);
        assertThat(status.path("failure_count").asInt()).isEqualTo(2);
        assertThat(status.path("successes").get(0).path("id").asText())
                .isEqualTo("indicator--3d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f7a");
        assertThat(status.path("failures").get(1).path("message").asText()).contains("TLP:RED", "TLP:AMBER");
        assertThat(taxii.store.findById(red.id())).contains(red);
        assertThat(taxii.store.find(IocType.IPV4, "198.51.100.132")).isPresent();
        assertThat(taxii.store.find(IocType.IPV4, "198.51.100.133")).isEmpty();
    }

    @Test
    void post_mixedObjectStoresNothing() {
        String both = indicator("indicator--4e5f6a7b-8c9d-4e0f-8a1b-3c4d5e6f7a8b",
                "[ipv4-addr:value = '198.51.100.134'] OR [ipv4-addr:value = '198.51.100.130']");

        JsonNode status = json(taxii.post(ALL + "objects/", taxii.amberWriter, envelope(both)));

        assertThat(status.path("failure_count").asInt()).isEqualTo(1);
        assertThat(status.path("failures").get(0).path("message").asText())
                .contains("another value of the same object was rejected");
        assertThat(taxii.store.find(IocType.IPV4, "198.51.100.134")).isEmpty();
        assertThat(taxii.store.findById(red.id())).contains(red);
    }

    @Test
    void post_redMarkingsInAnySpellingCount() {
        String upperCase = indicator("indicator--5f6a7b8c-9d0e-4f1a-9b2c-4d5e6f7a8b9c",
                "[ipv4-addr:value = '198.51.100.135']").replace("\"confidence\":80}",
                "\"confidence\":80,\"object_marking_refs\":[\"marking-definition--"
                        + Tlp.RED.markingId().substring("marking-definition--".length()).toUpperCase(Locale.ROOT)
                        + "\"]}");
        String local = indicator("indicator--6a7b8c9d-0e1f-4a2b-8c3d-5e6f7a8b9c0d",
                "[ipv4-addr:value = '198.51.100.136']").replace("\"confidence\":80}",
                "\"confidence\":80,\"object_marking_refs\":"
                        + "[\"marking-definition--8b9c0d1e-2f3a-4b4c-8d5e-6f7a8b9c0d1e\"]}");
        String definition = "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\","
                + "\"id\":\"marking-definition--8b9c0d1e-2f3a-4b4c-8d5e-6f7a8b9c0d1e\","
                + "\"created\":\"2026-05-30T10:00:00.000Z\",\"definition_type\":\"tlp\","
                + "\"definition\":{\"tlp\":\"red\"}}";

        JsonNode status = json(taxii.post(ALL + "objects/", taxii.amberWriter, envelope(upperCase, local, definition)));

        assertThat(status.path("success_count").asInt()).isZero();
        assertThat(taxii.store.find(IocType.IPV4, "198.51.100.135")).isEmpty();
        assertThat(taxii.store.find(IocType.IPV4, "198.51.100.136")).isEmpty();
    }
}
