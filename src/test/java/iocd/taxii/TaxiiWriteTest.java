package iocd.taxii;

import static iocd.taxii.TaxiiEndpointTest.assertError;
import static iocd.taxii.TaxiiEndpointTest.envelope;
import static iocd.taxii.TaxiiEndpointTest.indicator;
import static iocd.taxii.TaxiiServer.TAXII;
import static iocd.taxii.TaxiiServer.basic;
import static iocd.taxii.TaxiiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.store.StoredIoc;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The endpoints that change the store: add objects (POST) and delete (revoke) an object. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaxiiWriteTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String ROOT = "/taxii2/api/";
    private static final String ALL = ROOT + "collections/all/";
    private static final String IPV4 = ROOT + "collections/ipv4/";

    private TaxiiServer taxii;
    private StoredIoc cve;
    private StoredIoc toDelete;

    @BeforeAll
    void start(@TempDir Path dir) {
        taxii = new TaxiiServer(dir, NOW);
        var stored = taxii.store.merge(List.of(Ioc.builder(IocType.CVE, "CVE-2021-44228").confidence(100).build(),
                Ioc.builder(IocType.DOMAIN, "delete-me.example.org").confidence(50).build())).outcomes();
        cve = stored.get(0).current();
        toDelete = stored.get(1).current();
    }

    @AfterAll
    void stop() {
        taxii.close();
    }

    // Add objects

    @Test
    void post_storesIndicatorsAndReportsStatus() {
        String envelope = envelope(indicator("indicator--6f4c8a21-1d2e-4f3a-9b5c-7d8e9f0a1b2c",
                "[ipv4-addr:value = '203.0.113.10']"));

        HttpResponse<String> response = taxii.post(IPV4 + "objects/", taxii.writer, envelope);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(TAXII);
        JsonNode status = json(response);
        assertThat(status.path("status").asText()).isEqualTo("complete");
        assertThat(status.path("total_count").asInt()).isEqualTo(1);
        assertThat(status.path("success_count").asInt()).isEqualTo(1);
        assertThat(status.path("failure_count").asInt()).isZero();
        assertThat(status.path("pending_count").asInt()).isZero();
        JsonNode success = status.path("successes").get(0);
        assertThat(success.path("id").asText()).isEqualTo("indicator--6f4c8a21-1d2e-4f3a-9b5c-7d8e9f0a1b2c");
        assertThat(success.path("version").asText()).isEqualTo("2026-05-30T10:00:00.000Z");
        assertThat(taxii.store.find(IocType.IPV4, "203.0.113.10")).isPresent();

        HttpResponse<String> again = taxii.get(ROOT + "status/" + status.path("id").asText() + "/", taxii.writer);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again)).isEqualTo(status);

        HttpResponse<String> otherKey = taxii.get(ROOT + "status/" + status.path("id").asText() + "/", taxii.reader);
        assertThat(otherKey.statusCode()).as("another key reads the status").isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "indicator--not-a-uuid| 2026-05-30T10:00:00.000Z| is not a STIX identifier",
            "attack-pattern--7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d| 2026-05-30T10:00:00.000Z| is not a STIX identifier",
            "indicator--7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d| not-a-time| is not a STIX timestamp",
            "indicator--7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d| 2026-13-30T10:00:00.000Z| is not a STIX timestamp",
            "indicator--7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d| 2026-05-30T10:00:00+02:00| is not a STIX timestamp"})
    void post_malformedIdOrTimeFails(String id, String modified, String reason) {
        String object = indicator(id, "[domain-name:value = 'malformed-id.example.org']")
                .replace("\"modified\":\"2026-05-30T10:00:00.000Z\"", "\"modified\":\"" + modified + "\"");
        String good = indicator("indicator--8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e",
                "[domain-name:value = 'beside-malformed.example.org']");

        JsonNode status = json(taxii.post(ALL + "objects/", taxii.writer, envelope(object, good)));

        assertThat(status.path("failure_count").asInt()).isEqualTo(1);
        assertThat(status.path("success_count").asInt()).isEqualTo(1);
        assertThat(status.path("failures").get(0).path("message").asText()).contains(reason);
        assertThat(taxii.store.find(IocType.DOMAIN, "malformed-id.example.org")).isEmpty();
        assertThat(taxii.store.find(IocType.DOMAIN, "beside-malformed.example.org")).isPresent();
    }

    @Test
    void post_tooManyObjectsIs413() {
        // Empty objects keep the body under the test server's size limit, so only the count can trigger the 413.
        String body = "{\"objects\":[" + String.join(",", java.util.Collections.nCopies(ObjectsPost.MAX_OBJECTS + 1,
                "{}")) + "]}";

        HttpResponse<String> response = taxii.post(ALL + "objects/", taxii.writer, body);

        assertError(response, 413);
        assertThat(json(response).path("description").asText()).contains("at most 10000");
    }

    @Test
    void post_mergesAreCountedInMetrics() {
        String good = indicator("indicator--9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
                "[domain-name:value = 'counted.example.org']");
        String bad = indicator("indicator--not-a-uuid", "[domain-name:value = 'not-counted.example.org']");
        long newBefore = merged("new");
        long rejectedBefore = merged("rejected");

        taxii.post(ALL + "objects/", taxii.writer, envelope(good, bad));

        assertThat(merged("new")).isEqualTo(newBefore + 1);
        assertThat(merged("rejected")).isEqualTo(rejectedBefore + 1);
    }

    private long merged(String outcome) {
        String prefix = "iocd_iocs_merged_total{outcome=\"" + outcome + "\"} ";
        return taxii.send(taxii.request("/metrics").GET()).body().lines().filter(line -> line.startsWith(prefix))
                .mapToLong(line -> Long.parseLong(line.substring(prefix.length()).strip())).sum();
    }

    @Test
    void post_exactDuplicateIsSuccess() {
        String envelope = envelope(indicator("indicator--1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b",
                "[domain-name:value = 'dup.example.org']"));

        taxii.post(ALL + "objects/", taxii.writer, envelope);
        JsonNode status = json(taxii.post(ALL + "objects/", taxii.writer, envelope));

        assertThat(status.path("success_count").asInt()).isEqualTo(1);
        assertThat(status.path("failure_count").asInt()).isZero();
    }

    @Test
    void post_objectOfAnotherTypeFailsWithReason() {
        String envelope = envelope(indicator("indicator--2c3d4e5f-6071-4829-8a3b-4c5d6e7f8a9b",
                "[domain-name:value = 'wrong.example.org']"), indicator("indicator--3d4e5f60-7182-4930-9b4c-5d6e7f8a9b0c",
                "[ipv4-addr:value = '203.0.113.11']"));

        JsonNode status = json(taxii.post(IPV4 + "objects/", taxii.writer, envelope));

        assertThat(status.path("total_count").asInt()).isEqualTo(2);
        assertThat(status.path("success_count").asInt()).isEqualTo(1);
        assertThat(status.path("failure_count").asInt()).isEqualTo(1);
        JsonNode failure = status.path("failures").get(0);
        assertThat(failure.path("id").asText()).isEqualTo("indicator--2c3d4e5f-6071-4829-8a3b-4c5d6e7f8a9b");
        assertThat(failure.path("message").asText()).contains("domain");
        assertThat(taxii.store.find(IocType.DOMAIN, "wrong.example.org")).isEmpty();
    }

    @Test
    void post_unsupportedObjectsFailWithReason() {
        String malware = "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--4e5f6071-8293-4a41-8c5d-6e7f8a9b0c1d\","
                + "\"created\":\"2026-05-30T10:00:00.000Z\",\"modified\":\"2026-05-30T10:00:00.000Z\","
                + "\"name\":\"x\",\"is_family\":true}";
        String complex = indicator("indicator--5f607182-93a4-4b52-9d6e-7f8a9b0c1d2e",
                "[ipv4-addr:value = '203.0.113.12'] FOLLOWEDBY [ipv4-addr:value = '203.0.113.13']");

        JsonNode status = json(taxii.post(ALL + "objects/", taxii.writer, envelope(malware, complex)));

        assertThat(status.path("failure_count").asInt()).isEqualTo(2);
        assertThat(status.path("failures").get(0).path("message").asText()).contains("malware");
        assertThat(status.path("failures").get(1).path("message").asText()).isNotBlank();
    }

    @Test
    void post_statusEchoesNonAsciiAsUtf8() {
        String object = "{\"type\":\"x-\u00fc\u20ac\",\"spec_version\":\"2.1\","
                + "\"id\":\"x-\u00fc\u20ac--6f4c8a21-1d2e-4f3a-9b5c-7d8e9f0a1b2c\"}";

        HttpResponse<String> response = taxii.post(ALL + "objects/", taxii.writer, envelope(object));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).doesNotContain("\ufffd", "?");
        JsonNode failure = json(response).path("failures").get(0);
        assertThat(failure.path("id").asText()).isEqualTo("x-\u00fc\u20ac--6f4c8a21-1d2e-4f3a-9b5c-7d8e9f0a1b2c");
        assertThat(failure.path("message").asText()).contains("x-\u00fc\u20ac");
    }

    @Test
    void post_unpairedSurrogateIsEscapedInError() {
        String object = "{\"type\":\"indicator\",\"spec_version\":\"2.\\ud800\","
                + "\"id\":\"indicator--6f4c8a21-1d2e-4f3a-9b5c-7d8e9f0a1b2c\"}";

        HttpResponse<String> response = taxii.post(ALL + "objects/", taxii.writer, envelope(object));

        assertError(response, 422);
        assertThat(json(response).path("description").asText()).contains("2.\\ud800");
    }

    @Test
    void post_vulnerabilityAndAttackPatternAreStored() {
        String vulnerability = "{\"type\":\"vulnerability\",\"spec_version\":\"2.1\","
                + "\"id\":\"vulnerability--60718293-a4b5-4c63-8e7f-8a9b0c1d2e3f\",\"created\":\"2026-05-30T10:00:00.000Z\","
                + "\"modified\":\"2026-05-30T10:00:00.000Z\",\"name\":\"CVE-2024-3094\",\"external_references\":"
                + "[{\"source_name\":\"cve\",\"external_id\":\"CVE-2024-3094\"}]}";

        JsonNode status = json(taxii.post(ALL + "objects/", taxii.writer, envelope(vulnerability)));

        assertThat(status.path("success_count").asInt()).isEqualTo(1);
        assertThat(taxii.store.find(IocType.CVE, "CVE-2024-3094")).isPresent();
    }

    @Test
    void post_emptyEnvelopeIsCompleteWithNothing() {
        JsonNode status = json(taxii.post(ALL + "objects/", taxii.writer, "{}"));

        assertThat(status.path("total_count").asInt()).isZero();
        assertThat(status.has("successes")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "\"text\"", "{\"objects\": {}}", "{\"objects\": [1]}",
            "{\"type\":\"bundle\",\"id\":\"bundle--6f4c8a21-1d2e-4f3a-9b5c-7d8e9f0a1b2c\",\"objects\":[]}",
            "{\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--6f4c8a21-1d2e-4f3a-9b5c-7d8e9f0a1b2c\"}]}",
            "{\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.0\",\"id\":\"indicator--6f4c8a21-1d2e-4f3a-9b5c-7d8e9f0a1b2c\"}]}",
            "{} {}", ""})
    void post_unprocessableBodyIs422(String body) {
        assertError(taxii.post(ALL + "objects/", taxii.writer, body), 422);
    }

    @Test
    void post_bodyOverTheLimitIs413() {
        String big = "{\"objects\":[],\"x_pad\":\"" + "a".repeat((int) TaxiiServer.MAX_BODY) + "\"}";

        assertError(taxii.post(ALL + "objects/", taxii.writer, big), 413);
    }

    @Test
    void post_chunkedBodyOverTheLimitIs413() {
        byte[] big = ("{\"objects\":[],\"x_pad\":\"" + "a".repeat((int) TaxiiServer.MAX_BODY) + "\"}").getBytes();
        HttpRequest.Builder request = taxii.request(ALL + "objects/").header("Authorization", basic(taxii.writer))
                .header("Accept", TAXII).header("Content-Type", TAXII)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));

        assertError(taxii.send(request), 413);
    }

    @Test
    void post_withoutWriteScopeIs403() {
        assertError(taxii.post(ALL + "objects/", taxii.reader, "{}"), 403);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/taxii+json;version=2.1| 202",
            "application/taxii+json| 202",
            "application/taxii+json; charset=utf-8| 202",
            "Application/TAXII+json; version=2.1| 202",
            "application/taxii+json;version=2.0| 415",
            "application/json| 415",
            "application/stix+json;version=2.1| 415",
            "text/plain| 415"})
    void post_contentTypeNegotiation(String contentType, int status) {
        HttpResponse<String> response = taxii.send(taxii.request(ALL + "objects/")
                .header("Authorization", basic(taxii.writer)).header("Accept", TAXII)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(TAXII);
    }

    @Test
    void post_withoutContentTypeIs415() {
        HttpResponse<String> response = taxii.send(taxii.request(ALL + "objects/")
                .header("Authorization", basic(taxii.writer)).header("Accept", TAXII)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertError(response, 415);
    }

    // Delete

    @Test
    void delete_revokesAndKeepsHistory() {
        String path = ALL + "objects/" + toDelete.stixId() + "/";
        HttpResponse<String> response = taxii.send(taxii.request(path).header("Authorization", basic(taxii.writer))
                .header("Accept", TAXII).DELETE());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode current = json(taxii.get(path, taxii.reader)).path("objects").get(0);
        assertThat(current.path("revoked").asBoolean()).isTrue();
        JsonNode versions = json(taxii.get(path + "versions/", taxii.reader)).path("versions");
        assertThat(versions).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"reader,403", "writeOnly,403", "free,404"})
    void delete_needsReadAndWrite(String key, int status) {
        HttpResponse<String> response = taxii.send(taxii.request(ALL + "objects/" + cve.stixId() + "/")
                .header("Authorization", basic(key(key))).header("Accept", TAXII).DELETE());

        assertError(response, status);
        assertThat(taxii.store.findById(cve.id()).orElseThrow().revoked()).isFalse();
    }

    @Test
    void delete_missingObjectIs404() {
        HttpResponse<String> response = taxii.send(taxii.request(ALL
                + "objects/indicator--00000000-0000-4000-8000-000000000000/").header("Authorization",
                basic(taxii.writer)).header("Accept", TAXII).DELETE());

        assertError(response, 404);
    }

    private String key(String name) {
        return switch (name) {
            case "reader" -> taxii.reader;
            case "writer" -> taxii.writer;
            case "writeOnly" -> taxii.writeOnly;
            case "free" -> taxii.free;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
