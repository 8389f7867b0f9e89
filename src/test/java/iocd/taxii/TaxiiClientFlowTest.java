package iocd.taxii;

import static iocd.taxii.TaxiiServer.TAXII;
import static iocd.taxii.TaxiiServer.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the server the way the OASIS taxii2-client library (v21 module) does: discovery, the {@code default} API
 * root resolved against the discovery URL, the collections list, a collection picked by title, then
 * {@code as_pages}: objects with {@code limit}, then {@code limit} and {@code next} until {@code more} is false.
 * Every request carries HTTP Basic, {@code Accept: application/taxii+json;version=2.1} and the library's
 * User-Agent, and every response must pass the library's Content-Type check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaxiiClientFlowTest {
    private static final String USER_AGENT = "taxii2-client/2.3.0";
    private static final int IPV4_COUNT = 57;

    private TaxiiServer taxii;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path dir) {
        taxii = new TaxiiServer(dir, Instant.parse("2026-06-01T12:00:00Z"));
        List<Ioc> batch = new ArrayList<>();
        for (int i = 0; i < IPV4_COUNT; i++) {
            batch.add(Ioc.builder(IocType.IPV4, "203.0.113." + i).confidence(80).build());
        }
        batch.add(Ioc.builder(IocType.DOMAIN, "c2.example.net").confidence(80).build());
        taxii.store.merge(batch);
    }

    @AfterAll
    void stop() {
        taxii.close();
    }

    @Test
    void taxii2Client_pollsCollectionPickedByTitle() throws Exception {
        URI discovery = URI.create(taxii.base + "/taxii2/");
        JsonNode server = get(discovery);
        URI apiRoot = discovery.resolve(server.path("default").asText());
        assertThat(server.path("api_roots").get(0).asText()).isEqualTo(server.path("default").asText());

        JsonNode root = get(apiRoot);
        assertThat(root.path("versions").toString()).contains(TAXII);
        assertThat(root.path("max_content_length").asLong()).isPositive();

        URI collectionsUrl = URI.create(apiRoot + "collections/");
        JsonNode picked = null;
        for (JsonNode collection : get(collectionsUrl).path("collections")) {
            if (collection.path("title").asText().equals("iocd IPv4 indicators")) {
                picked = collection;
            }
        }
        assertThat(picked).isNotNull();
        URI collectionUrl = URI.create(collectionsUrl + picked.path("id").asText() + "/");
        JsonNode collection = get(collectionUrl);
        assertThat(collectionUrl.toString()).contains(collection.path("id").asText());
        assertThat(collection.path("can_read").asBoolean()).isTrue();

        Set<String> ids = new HashSet<>();
        int perRequest = 10;
        JsonNode envelope = get(URI.create(collectionUrl + "objects/?limit=" + perRequest));
        int pages = 1;
        envelope.path("objects").forEach(object -> ids.add(object.path("id").asText()));
        while (envelope.path("more").asBoolean(false)) {
            assertThat(envelope.path("objects").size()).isEqualTo(perRequest);
            envelope = get(URI.create(collectionUrl + "objects/?limit=" + perRequest + "&next="
                    + envelope.path("next").asText()));
            envelope.path("objects").forEach(object -> ids.add(object.path("id").asText()));
            pages++;
        }

        assertThat(ids).hasSize(IPV4_COUNT).allMatch(id -> id.startsWith("indicator--"));
        assertThat(pages).isEqualTo((IPV4_COUNT + perRequest - 1) / perRequest);
    }

    @Test
    void taxii2Client_readsStatusWithoutSlash() throws Exception {
        URI collectionUrl = URI.create(taxii.base + "/taxii2/api/collections/all/");
        String envelope = TaxiiEndpointTest.envelope(TaxiiEndpointTest.indicator(
                "indicator--7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d", "[url:value = 'http://c2.example.net/gate.php']"));
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(collectionUrl + "objects/"))
                .header("Content-Type", TAXII).POST(HttpRequest.BodyPublishers.ofString(envelope)), taxii.writer);
        assertThat(posted.statusCode()).isEqualTo(202);
        String statusId = TaxiiServer.json(posted).path("id").asText();

        // taxii2-client builds the status URL as urljoin(collection_url, "../../status/<id>"): no trailing slash.
        // It reads the status with the credentials that posted, as only the posting key may.
        JsonNode status = get(collectionUrl.resolve("../../status/" + statusId), taxii.writer);

        assertThat(status.path("status").asText()).isEqualTo("complete");
        assertThat(status.path("success_count").asInt() + status.path("failure_count").asInt()
                + status.path("pending_count").asInt()).isEqualTo(status.path("total_count").asInt());
    }

    private JsonNode get(URI url) throws IOException, InterruptedException {
        return get(url, taxii.reader);
    }

    private JsonNode get(URI url, String key) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url).GET(), key);
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        assertThat(validContentType(response.headers().firstValue("Content-Type").orElse(""))).isTrue();
        return TaxiiServer.json(response);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String key)
            throws IOException, InterruptedException {
        return http.send(request.header("Authorization", basic(key)).header("Accept", TAXII)
                .header("User-Agent", USER_AGENT).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** taxii2-client's check: every token of the Accept value appears in the Content-Type, spaces removed. */
    private static boolean validContentType(String contentType) {
        List<String> accepted = List.of(TAXII.replace(" ", "").split(";"));
        List<String> given = List.of(contentType.replace(" ", "").split(";"));
        return given.containsAll(accepted) && given.get(0).equals("application/taxii+json");
    }
}
