package iocd.taxii;

import static iocd.taxii.TaxiiServer.TAXII;
import static iocd.taxii.TaxiiServer.basic;
import static iocd.taxii.TaxiiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.store.StoredIoc;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every TAXII endpoint and every error status on a real server over a real SQLite file. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaxiiEndpointTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String ROOT = "/taxii2/api/";
    private static final String ALL = ROOT + "collections/4ee15d6b-3608-4119-a5b4-a0c049b6fb01/";
    private static final String IPV4 = ROOT + "collections/b5d51464-9f7f-4864-b2c4-74da1adc0d9c/";
    private static final String CVE = ROOT + "collections/cve/";

    private TaxiiServer taxii;
    private StoredIoc updated;
    private StoredIoc cve;
    private StoredIoc toDelete;

    @BeforeAll
    void start(@TempDir Path dir) {
        taxii = new TaxiiServer(dir, NOW.minus(Duration.ofDays(1)));
        List<Ioc> batch = new ArrayList<>();
        batch.add(Ioc.builder(IocType.IPV4, "192.0.2.1").confidence(90).build());
        batch.add(Ioc.builder(IocType.IPV4, "192.0.2.2").confidence(30).build());
        batch.add(Ioc.builder(IocType.IPV6, "2001:db8::1").confidence(80).build());
        batch.add(Ioc.builder(IocType.DOMAIN, "evil.example.com").confidence(95).build());
        batch.add(Ioc.builder(IocType.CVE, "CVE-2021-44228").confidence(100).build());
        batch.add(Ioc.builder(IocType.MITRE_ATTACK, "T1566.001").name("Spearphishing Attachment").build());
        batch.add(Ioc.builder(IocType.DOMAIN, "delete-me.example.org").confidence(50).build());
        var stored = taxii.store.merge(batch).outcomes();
        cve = stored.get(4).current();
        toDelete = stored.get(6).current();

        taxii.clock.set(NOW.minus(Duration.ofHours(1)));
        updated = taxii.store.merge(List.of(Ioc.builder(IocType.IPV4, "192.0.2.1").confidence(90)
                .tags(List.of("c2")).build())).outcomes().get(0).current();
        taxii.clock.set(NOW);
    }

    @AfterAll
    void stop() {
        taxii.close();
    }

    // Discovery, API root, collections

    @ParameterizedTest
    @ValueSource(strings = {"/taxii2/", "/taxii2"})
    void discovery_pointsAtTheApiRoot(String path) {
        HttpResponse<String> response = taxii.get(path, taxii.reader);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(TAXII);
        JsonNode body = json(response);
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("contact").asText()).isNotBlank();
        assertThat(body.path("description").asText()).isNotBlank();
        assertThat(body.path("default").asText()).isEqualTo(ROOT);
        assertThat(body.path("api_roots").get(0).asText()).isEqualTo(ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/taxii2/api/", "/taxii2/api"})
    void apiRoot_advertisesTaxii21AndTheBodyLimit(String path) {
        JsonNode body = json(taxii.get(path, taxii.reader));

        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("versions").get(0).asText()).isEqualTo(TAXII);
        assertThat(body.path("max_content_length").asLong()).isEqualTo(TaxiiServer.MAX_BODY);
    }

    @Test
    void collections_haveStableIdsAndTitles() {
        JsonNode collections = json(taxii.get(ROOT + "collections/", taxii.reader)).path("collections");

        assertThat(collections).hasSize(12);
        assertThat(collections.get(0).path("id").asText()).isEqualTo("4ee15d6b-3608-4119-a5b4-a0c049b6fb01");
        assertThat(collections.get(0).path("title").asText()).isEqualTo("iocd all indicators");
        assertThat(collections.get(1).path("title").asText()).isEqualTo("iocd IPv4 indicators");
        for (JsonNode collection : collections) {
            assertThat(collection.path("media_types").get(0).asText()).isEqualTo("application/stix+json;version=2.1");
            assertThat(collection.path("alias").asText()).isNotBlank();
        }
    }

    @ParameterizedTest
    @CsvSource({"reader,true,false", "writer,true,true", "writeOnly,false,true"})
    void collections_canReadAndCanWriteFollowTheKey(String key, boolean canRead, boolean canWrite) {
        JsonNode collection = json(taxii.get(ALL, key(key)));

        assertThat(collection.path("can_read").asBoolean()).isEqualTo(canRead);
        assertThat(collection.path("can_write").asBoolean()).isEqualTo(canWrite);
    }

    @ParameterizedTest
    @ValueSource(strings = {"collections/ipv4/", "collections/ipv4", "collections/b5d51464-9f7f-4864-b2c4-74da1adc0d9c"})
    void collection_answersByIdOrAlias(String path) {
        JsonNode collection = json(taxii.get(ROOT + path, taxii.reader));

        assertThat(collection.path("id").asText()).isEqualTo("b5d51464-9f7f-4864-b2c4-74da1adc0d9c");
        assertThat(collection.path("title").asText()).isEqualTo("iocd IPv4 indicators");
    }

    @Test
    void collection_unknownIs404ErrorResource() {
        HttpResponse<String> response = taxii.get(ROOT + "collections/9f1d3a57-0000-4000-8000-000000000000/objects/",
                taxii.reader);

        assertError(response, 404);
    }

    @Test
    void unknownTaxiiPath_is404ErrorResource() {
        assertError(taxii.get("/taxii2/nothing/here/", taxii.reader), 404);
    }

    @Test
    void unsupportedMethod_isErrorResource() {
        HttpResponse<String> response = taxii.send(taxii.request(ALL + "objects/")
                .header("Authorization", basic(taxii.reader)).header("Accept", TAXII)
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isIn(404, 405);
        assertError(response, response.statusCode());
    }

    // Objects

    @ParameterizedTest
    @ValueSource(strings = {"objects/", "objects"})
    void objects_envelopeAscendsByDateAddedWithHeaders(String path) {
        HttpResponse<String> response = taxii.get(ALL + path, taxii.reader);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(TAXII);
        JsonNode envelope = json(response);
        assertThat(envelope.path("more").asBoolean()).isFalse();
        assertThat(envelope.has("next")).isFalse();
        List<String> ids = ids(envelope);
        assertThat(ids).hasSize(7).endsWith(updated.stixId());
        assertThat(response.headers().firstValue("X-TAXII-Date-Added-First"))
                .hasValue("2026-05-31T12:00:00.000000Z");
        assertThat(response.headers().firstValue("X-TAXII-Date-Added-Last"))
                .hasValue("2026-06-01T11:00:00.000000Z");
        for (JsonNode object : envelope.path("objects")) {
            assertThat(object.path("spec_version").asText()).isEqualTo("2.1");
        }
    }

    @Test
    void objects_typeCollectionServesOnlyItsType() {
        JsonNode envelope = json(taxii.get(IPV4 + "objects/", taxii.reader));

        assertThat(ids(envelope)).hasSize(2).allMatch(id -> id.startsWith("indicator--"));
        assertThat(envelope.path("objects").get(0).path("pattern").asText()).contains("ipv4-addr:value");
    }

    @Test
    void objects_emptyResultHasNoDateHeaders() {
        HttpResponse<String> response = taxii.get(ALL + "objects/?added_after=2030-01-01T00:00:00Z", taxii.reader);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertThat(response.headers().firstValue("X-TAXII-Date-Added-First")).isEmpty();
        assertThat(response.headers().firstValue("X-TAXII-Date-Added-Last")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "2026-06-01T11:00:00Z, 0",
            "2026-06-01T10:59:59.999999Z, 1",
            "2026-06-01T10:59:59.999999999Z, 1",
            "2026-06-01T13:00:00%2B02:00, 0",
            "2026-06-01T12:59:59.9%2B02:00, 1",
            "2026-06-01t10:59:59z, 1",
            "2026-05-31T11:59:59-00:00, 7"})
    void objects_addedAfterIsStrictAndAcceptsRfc3339(String addedAfter, int expected) {
        JsonNode envelope = json(taxii.get(ALL + "objects/?added_after=" + addedAfter, taxii.reader));

        assertThat(ids(envelope)).hasSize(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-06-01", "2026-06-01T11:00:00", "2026-06-01T11:00:00.Z", "yesterday",
            "2026-06-01T11:00:00.1234567890Z", "2026-13-01T11:00:00Z", "2026-06-01T25:00:00Z", ""})
    void objects_malformedAddedAfterIs400(String addedAfter) {
        assertError(taxii.get(ALL + "objects/?added_after=" + addedAfter, taxii.reader), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "", "99999999999999999999"})
    void objects_malformedLimitIs400(String limit) {
        assertError(taxii.get(ALL + "objects/?limit=" + limit, taxii.reader), 400);
    }

    @Test
    void objects_limitAboveTheCapIsLowered() {
        assertThat(ids(json(taxii.get(ALL + "objects/?limit=100000", taxii.reader)))).hasSize(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=1&limit=2", "added_after=2026-01-01T00:00:00Z&added_after=2026-01-01T00:00:00Z",
            "match[type]=indicator&match[type]=vulnerability", "next=a&next=b"})
    void objects_parameterGivenTwiceIs400(String query) {
        assertError(taxii.get(ALL + "objects/?" + query, taxii.reader), 400);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "indicator; 5",
            "vulnerability; 1",
            "attack-pattern,vulnerability; 2",
            "malware; 0",
            "x-custom-thing; 0"})
    void objects_matchTypeFiltersAndUnknownTypesAreEmpty(String types, int expected) {
        JsonNode envelope = json(taxii.get(ALL + "objects/?match[type]=" + types, taxii.reader));

        assertThat(ids(envelope)).hasSize(expected);
    }

    @Test
    void objects_matchIdSelectsObjects() {
        String query = "?match[id]=" + cve.stixId() + "," + updated.stixId() + ",malware--" + cve.id();
        JsonNode envelope = json(taxii.get(ALL + "objects/" + query, taxii.reader));

        assertThat(ids(envelope)).containsExactly(cve.stixId(), updated.stixId());
    }

    @Test
    void objects_matchIdUnderAnotherTypeMatchesNothing() {
        JsonNode envelope = json(taxii.get(ALL + "objects/?match[id]=indicator--" + cve.id(), taxii.reader));

        assertThat(ids(envelope)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"indicator", "indicator--", "indicator--1234", "../etc", "indicator--" + "x"})
    void objects_malformedMatchIdIs400(String id) {
        assertError(taxii.get(ALL + "objects/?match[id]=" + id, taxii.reader), 400);
    }

    @Test
    void objects_tooManyMatchIdsIs400() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TaxiiParams.MAX_IDS + 1; i++) {
            ids.add(String.format(java.util.Locale.ROOT, "indicator--00000000-0000-4000-8000-%012d", i));
        }

        assertError(taxii.get(ALL + "objects/?match[id]=" + String.join(",", ids), taxii.reader), 400);
    }

    @Test
    void objects_nextCarriesTheLargestFilter() {
        List<String> ids = new ArrayList<>(List.of(updated.stixId(), cve.stixId()));
        for (int i = ids.size(); i < TaxiiParams.MAX_IDS; i++) {
            ids.add(String.format(java.util.Locale.ROOT, "attack-pattern--00000000-0000-4000-8000-%012d", i));
        }
        String query = "objects/?limit=1&match[version]=first,last,2026-01-01T00:00:00.001Z,2026-01-01T00:00:00.002Z,"
                + "2026-01-01T00:00:00.003Z,2026-01-01T00:00:00.004Z,2026-01-01T00:00:00.005Z,2026-01-01T00:00:00.006Z,"
                + "2026-01-01T00:00:00.007Z,2026-01-01T00:00:00.008Z&match[id]=" + String.join(",", ids);

        JsonNode first = json(taxii.get(ALL + query, taxii.reader));
        JsonNode second = json(taxii.get(ALL + "objects/?next=" + first.path("next").asText(), taxii.reader));

        assertThat(first.path("more").asBoolean()).isTrue();
        assertThat(ids(first)).hasSize(1);
        assertThat(ids(second)).hasSize(1).doesNotContainAnyElementsOf(ids(first));
    }

    @Test
    void objects_matchVersionAllListsEveryVersion() {
        JsonNode envelope = json(taxii.get(IPV4 + "objects/?match[version]=all&match[id]=" + updated.stixId(),
                taxii.reader));

        assertThat(envelope.path("objects")).hasSize(2);
        assertThat(envelope.path("objects").get(0).path("modified").asText())
                .isLessThan(envelope.path("objects").get(1).path("modified").asText());
    }

    @Test
    void objects_matchVersionFirstAndExact() {
        JsonNode first = json(taxii.get(IPV4 + "objects/?match[version]=first&match[id]=" + updated.stixId(),
                taxii.reader));
        String firstModified = first.path("objects").get(0).path("modified").asText();
        JsonNode exact = json(taxii.get(IPV4 + "objects/?match[version]=" + firstModified + "&match[id]="
                + updated.stixId(), taxii.reader));
        JsonNode both = json(taxii.get(IPV4 + "objects/?match[version]=first,last&match[id]=" + updated.stixId(),
                taxii.reader));

        assertThat(first.path("objects")).hasSize(1);
        assertThat(firstModified).isNotEqualTo(iocd.stix.Timestamps.stix(updated.modified()));
        assertThat(exact.path("objects").get(0).path("modified").asText()).isEqualTo(firstModified);
        assertThat(both.path("objects")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"all,last", "latest", "first,first", "2026-06-01", "last,", ",", "all,2026-06-01T00:00:00Z"})
    void objects_malformedMatchVersionIs400(String version) {
        assertError(taxii.get(ALL + "objects/?match[version]=" + version, taxii.reader), 400);
    }

    @ParameterizedTest
    @CsvSource({"2.1, 7", "'2.0,2.1', 7", "2.0, 0", "3.0, 0"})
    void objects_matchSpecVersion(String specVersion, int expected) {
        JsonNode envelope = json(taxii.get(ALL + "objects/?match[spec_version]=" + specVersion, taxii.reader));

        assertThat(ids(envelope)).hasSize(expected);
    }

    @Test
    void objects_malformedSpecVersionIs400() {
        assertError(taxii.get(ALL + "objects/?match[spec_version]=two", taxii.reader), 400);
    }

    // Paging

    @Test
    void objects_pagesWithNextUntilDone() {
        List<String> seen = new ArrayList<>();
        JsonNode page = json(taxii.get(ALL + "objects/?limit=3", taxii.reader));
        int pages = 1;
        seen.addAll(ids(page));
        while (page.path("more").asBoolean()) {
            assertThat(page.path("next").asText()).isNotEmpty();
            page = json(taxii.get(ALL + "objects/?next=" + page.path("next").asText(), taxii.reader));
            seen.addAll(ids(page));
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void objects_tamperedNextIs400() {
        String next = json(taxii.get(ALL + "objects/?limit=1", taxii.reader)).path("next").asText();
        char flipped = next.charAt(5) == 'A' ? 'B' : 'A';
        String tampered = next.substring(0, 5) + flipped + next.substring(6);

        assertError(taxii.get(ALL + "objects/?next=" + tampered, taxii.reader), 400);
        assertError(taxii.get(ALL + "objects/?next=not-a-token", taxii.reader), 400);
    }

    @Test
    void objects_nextFromAnotherCollectionOrEndpointIs400() {
        String next = json(taxii.get(ALL + "objects/?limit=1", taxii.reader)).path("next").asText();

        assertError(taxii.get(IPV4 + "objects/?next=" + next, taxii.reader), 400);
        assertError(taxii.get(ALL + "manifest/?next=" + next, taxii.reader), 400);
    }

    // Manifest

    @Test
    void manifest_listsRecordsWithDateAddedAndVersion() {
        HttpResponse<String> response = taxii.get(IPV4 + "manifest/", taxii.reader);
        JsonNode records = json(response).path("objects");

        assertThat(records).hasSize(2);
        JsonNode last = records.get(1);
        assertThat(last.path("id").asText()).isEqualTo(updated.stixId());
        assertThat(last.path("date_added").asText()).isEqualTo("2026-06-01T11:00:00.000000Z");
        assertThat(last.path("version").asText()).isEqualTo(iocd.stix.Timestamps.stix(updated.modified()));
        assertThat(last.path("media_type").asText()).isEqualTo("application/stix+json;version=2.1");
        assertThat(response.headers().firstValue("X-TAXII-Date-Added-Last")).hasValue("2026-06-01T11:00:00.000000Z");
    }

    // Object by id and versions

    @ParameterizedTest
    @ValueSource(strings = {"/", ""})
    void object_byIdReturnsTheLastVersion(String slash) {
        HttpResponse<String> response = taxii.get(IPV4 + "objects/" + updated.stixId() + slash, taxii.reader);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode objects = json(response).path("objects");
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).path("labels").get(0).asText()).isEqualTo("c2");
        assertThat(response.headers().firstValue("X-TAXII-Date-Added-First")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"indicator--00000000-0000-4000-8000-000000000000", "indicator--nope", "nothing",
            "..%2F..%2Fetc%2Fpasswd", "indicator--00000000-0000-4000-8000-000000000000%00", "%2e%2e"})
    void object_missingOrMalformedIdIs404(String id) {
        HttpResponse<String> response = taxii.get(ALL + "objects/" + id + "/", taxii.reader);

        assertThat(response.statusCode()).isIn(400, 404);
    }

    @Test
    void object_ofAnotherCollectionIs404() {
        assertError(taxii.get(IPV4 + "objects/" + cve.stixId() + "/", taxii.reader), 404);
        assertError(taxii.get(CVE + "objects/indicator--" + cve.id() + "/", taxii.reader), 404);
    }

    @Test
    void versions_listEveryVersionOldestFirst() {
        HttpResponse<String> response = taxii.get(IPV4 + "objects/" + updated.stixId() + "/versions/", taxii.reader);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode versions = json(response).path("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).asText()).isEqualTo(iocd.stix.Timestamps.stix(updated.modified()));
        assertThat(versions.get(0).asText()).isLessThan(versions.get(1).asText());
        assertThat(response.headers().firstValue("X-TAXII-Date-Added-Last")).isPresent();
    }

    @Test
    void versions_ofMissingObjectIs404() {
        assertError(taxii.get(IPV4 + "objects/indicator--00000000-0000-4000-8000-000000000000/versions/",
                taxii.reader), 404);
    }

    // Status

    @Test
    void status_unknownIs404() {
        assertError(taxii.get(ROOT + "status/2d0c4a43-6e0f-4b8e-9d55-3b8a3f2e9c10/", taxii.reader), 404);
        assertError(taxii.get(ROOT + "status/not-a-uuid/", taxii.reader), 404);
    }

    // Authentication and negotiation

    @ParameterizedTest
    @ValueSource(strings = {"/taxii2/", "/taxii2/api/collections/", "/taxii2/api/collections/all/objects/"})
    void auth_missingCredentialsIs401WithBasicChallenge(String path) {
        HttpResponse<String> response = taxii.send(taxii.request(path).header("Accept", TAXII).GET());

        assertError(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"iocd\"");
    }

    @Test
    void auth_wrongPasswordIs401WithBasicChallenge() {
        HttpResponse<String> response = taxii.get(ALL + "objects/", "sk_live_wrong");

        assertError(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"iocd\"");
    }

    @Test
    void auth_keyWithoutTaxiiScopeIs403() {
        assertError(taxii.get(ALL + "objects/", taxii.free), 403);
        assertError(taxii.get("/taxii2/", taxii.free), 403);
        assertError(taxii.get(ALL + "objects/", taxii.writeOnly), 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Token", "X-API-Key"})
    void auth_otherKeyHeadersWork(String scheme) {
        HttpRequest.Builder request = taxii.request(ALL + "objects/").header("Accept", TAXII);
        request = scheme.equals("X-API-Key") ? request.header("X-API-Key", taxii.reader)
                : request.header("Authorization", scheme + " " + taxii.reader);

        assertThat(taxii.send(request.GET()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/taxii+json;version=2.1| 200",
            "application/taxii+json| 200",
            "application/taxii+json; version=\"2.1\"| 200",
            "*/*| 200",
            "application/*| 200",
            "text/html, application/taxii+json;version=2.1;q=0.5| 200",
            "application/taxii+json;version=2.0| 406",
            "application/json| 406",
            "application/stix+json;version=2.1| 406",
            "application/taxii+json;version=2.1;q=0| 406",
            "text/html| 406"})
    void accept_negotiation(String accept, int status) {
        for (String path : List.of("/taxii2/", ROOT, ROOT + "collections/", ALL + "objects/", ALL + "manifest/")) {
            HttpResponse<String> response = taxii.send(taxii.request(path)
                    .header("Authorization", basic(taxii.reader)).header("Accept", accept).GET());

            assertThat(response.statusCode()).as(path).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue(TAXII);
        }
    }

    @Test
    void accept_absentIsTaxii() {
        HttpResponse<String> response = taxii.send(taxii.request(ALL + "objects/")
                .header("Authorization", basic(taxii.reader)).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(TAXII);
    }

    @Test
    void restEndpoint_keepsItsOwnErrorBody() {
        HttpResponse<String> response = taxii.send(taxii.request("/api/v1/iocs/stix").GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).has("code")).isTrue();
        assertThat(json(response).has("http_status")).isFalse();
    }

    // Helpers

    private String key(String name) {
        return switch (name) {
            case "reader" -> taxii.reader;
            case "writer" -> taxii.writer;
            case "writeOnly" -> taxii.writeOnly;
            case "free" -> taxii.free;
            default -> throw new IllegalArgumentException(name);
        };
    }

    static void assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(TAXII);
        JsonNode error = json(response);
        assertThat(error.path("title").asText()).isNotBlank();
        assertThat(error.path("http_status").asText()).isEqualTo(Integer.toString(status));
    }

    static List<String> ids(JsonNode envelope) {
        List<String> ids = new ArrayList<>();
        envelope.path("objects").forEach(object -> ids.add(object.path("id").asText()));
        return ids;
    }

    static String indicator(String id, String pattern) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2026-05-30T10:00:00.000Z\",\"modified\":\"2026-05-30T10:00:00.000Z\","
                + "\"pattern\":\"" + pattern.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2026-05-30T10:00:00Z\",\"confidence\":80}";
    }

    static String envelope(String... objects) {
        return "{\"objects\":[" + String.join(",", objects) + "]}";
    }
}
