package iocd.http;

import static iocd.http.AccessControlTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import iocd.MutableClock;
import iocd.auth.Plan;
import iocd.ioc.Tlp;
import iocd.store.SqliteStore;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests of the REST v1 IOC endpoints (search, get, submit, revoke) on a real server over a SQLite file. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IOCS = "/api/v1/iocs";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private SqliteStore store;
    private TestServer server;
    private String admin;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        store = SqliteStore.open(dir.resolve("iocd.db"), clock);
        server = new TestServer(store, clock, Plan.defaults(), ServerLimits.withBodyLimit(1 << 20));
        admin = server.keys.create("admin", "admin", Tlp.RED).secret();
        JsonNode seeded = submit("""
                [{"value": "malware-c2.example.com", "tags": ["AgentTesla"], "confidence": 80},
                 {"value": "http://payload.example.com/dl/a.exe"},
                 {"value": "http://payload.example.com/dl/b.exe"},
                 {"value": "192.0.2.10:443", "tags": ["qakbot"]}]""");
        assertThat(seeded.path("accepted").asInt()).isEqualTo(4);
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @ParameterizedTest
    @CsvSource({
            "malware-c2.example.com, malware-c2.example.com",
            "MALWARE-C2.EXAMPLE.COM, malware-c2.example.com",
            "malware-c2[.]example[.]com, malware-c2.example.com",
            "hxxp://payload[.]example[.]com/dl/a.exe, http://payload.example.com/dl/a.exe",
            "192.0.2.10, 192.0.2.10"})
    void search_exactValueIsNormalised(String searched, String stored) throws Exception {
        JsonNode found = search("value=" + encode(searched));

        assertThat(values(found)).containsExactly(stored);
    }

    @Test
    void search_prefixWithStar() throws Exception {
        JsonNode found = search("value=" + encode("http://payload.example.com/dl/*"));

        assertThat(values(found)).containsExactlyInAnyOrder("http://payload.example.com/dl/a.exe",
                "http://payload.example.com/dl/b.exe");
    }

    @Test
    void search_tagIgnoresCase() throws Exception {
        assertThat(values(search("tag=agenttesla"))).containsExactly("malware-c2.example.com");
        assertThat(values(search("tag=QAKBOT"))).containsExactly("192.0.2.10");
    }

    @Test
    void search_typeAndValueTogether() throws Exception {
        assertThat(values(search("type=domain&value=MALWARE-C2.example.com"))).containsExactly(
                "malware-c2.example.com");
        assertThat(values(search("type=url&value=http://malware-c2.example.com"))).isEmpty();
    }

    @Test
    void search_valueInvalidForTypeIs400() throws Exception {
        assertError(server.get(IOCS + "?type=ipv4&value=malware-c2.example.com", admin), 400, "invalid_ioc");
    }

    @Test
    void search_cursorPagesSeeEveryIocOnce() throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 25; i++) {
            body.append(i == 0 ? "" : ",").append("{\"value\": \"paged-").append(i).append(".example.org\",")
                    .append("\"tags\": [\"paged\"]}");
        }
        assertThat(submit(body.append("]").toString()).path("accepted").asInt()).isEqualTo(25);

        List<String> seen = new ArrayList<>();
        String query = "tag=paged&limit=10";
        int pages = 0;
        while (query != null) {
            JsonNode page = search(query);
            pages++;
            seen.addAll(values(page));
            query = page.path("more").asBoolean()
                    ? "tag=paged&limit=10&cursor=" + encode(page.path("next_cursor").asText()) : null;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25);
        assertThat(new HashSet<>(seen)).hasSize(25);
    }

    @ParameterizedTest
    @CsvSource({"type=hostname, invalid_parameter", "limit=0, invalid_parameter", "cursor=garbage, invalid_parameter",
            "since=yesterday, invalid_parameter"})
    void search_badParameterIs400(String query, String code) throws Exception {
        assertError(server.get(IOCS + "?" + query, admin), 400, code);
    }

    @Test
    void get_byStixIdAndBareUuid() throws Exception {
        String id = search("value=malware-c2.example.com").path("iocs").get(0).path("id").asText();

        JsonNode byId = JSON.readTree(server.get(IOCS + "/" + id, admin).body());
        JsonNode byUuid = JSON.readTree(server.get(IOCS + "/" + id.substring(id.indexOf("--") + 2), admin).body());

        assertThat(byId.path("value").asText()).isEqualTo("malware-c2.example.com");
        assertThat(byUuid).isEqualTo(byId);
    }

    @Test
    void get_unknownIdIs404() throws Exception {
        assertError(server.get(IOCS + "/indicator--00000000-0000-4000-8000-000000000000", admin), 404,
                "not_found");
    }

    @Test
    void submit_reportsEveryItem() throws Exception {
        JsonNode result = submit("""
                {"iocs": [{"value": "new-one.example.net"},
                          {"value": "malware-c2.example.com", "tags": ["AgentTesla"], "confidence": 80},
                          {"value": "malware-c2.example.com", "confidence": 95},
                          {"value": "not an ioc"},
                          {"value": "192.0.2.300", "type": "ipv4"},
                          "just a string"]}""");

        assertThat(result.path("total").asInt()).isEqualTo(6);
        assertThat(result.path("accepted").asInt()).isEqualTo(3);
        assertThat(result.path("rejected").asInt()).isEqualTo(3);
        List<String> statuses = new ArrayList<>();
        result.path("results").forEach(item -> statuses.add(item.path("status").asText()));
        assertThat(statuses).containsExactly("new", "unchanged", "updated", "rejected", "rejected", "rejected");
        assertThat(result.path("results").get(4).path("reason").asText()).contains("192.0.2.300");
    }

    @Test
    void submit_outOfRangeTimeRejectsItem() throws Exception {
        JsonNode result = submit("""
                [{"value": "198.51.100.99", "first_seen": "+999999999-12-31T23:59:59Z"},
                 {"value": "198.51.100.98", "first_seen": "2026-05-01T00:00:00Z"}]""");

        assertThat(result.path("results").get(0).path("status").asText()).isEqualTo("rejected");
        assertThat(result.path("results").get(0).path("reason").asText()).contains("years 0001 to 9999");
        assertThat(result.path("results").get(1).path("status").asText()).isEqualTo("new");
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/iocs", "/api/v1/iocs/stix"})
    void since_outsideStixYearsIs400(String path) throws Exception {
        assertError(server.get(path + "?since=%2B999999999-01-01T00:00:00Z", admin), 400, "invalid_parameter");
    }

    @ParameterizedTest
    @CsvSource({"4294967346", "-4294967246", "101", "-1", "50.5", "99999999999999999999999"})
    void submit_confidenceOutOfRangeIsRejected(String confidence) throws Exception {
        JsonNode result = submit("[{\"value\": \"confidence-" + Math.abs(confidence.hashCode())
                + ".example.com\", \"confidence\": " + confidence + "}]");

        assertThat(result.path("results").get(0).path("status").asText()).isEqualTo("rejected");
        assertThat(result.path("results").get(0).path("reason").asText()).contains("0 to 100");
    }

    @Test
    void key_planNameInAnyCaseLogsIn() throws Exception {
        var created = server.keys.create("PRO", "upper-case plan", Tlp.AMBER);

        assertThat(created.record().plan()).isEqualTo("pro");
        assertThat(server.get("/api/v1/iocs/stix?limit=1", created.secret()).statusCode()).isEqualTo(200);
    }

    @Test
    void submit_singleObjectIsInvalidBody() throws Exception {
        HttpResponse<String> response = server.send("POST", IOCS, jsonHeaders(),
                "{\"value\": \"lonely.example.com\"}");

        assertError(response, 400, "invalid_body");
    }

    @Test
    void submit_wrongContentTypeIs415() throws Exception {
        HttpResponse<String> response = server.send("POST", IOCS,
                Map.of("Authorization", "Bearer " + admin, "Content-Type", "text/plain"), "[]");

        assertError(response, 415, "unsupported_media_type");
    }

    @Test
    void revoke_addsRevokedVersionAndStays() throws Exception {
        JsonNode created = submit("[{\"value\": \"to-revoke.example.com\"}]").path("results").get(0);
        String id = created.path("id").asText();

        HttpResponse<String> revoked = server.send("DELETE", IOCS + "/" + id, Map.of("Authorization",
                "Bearer " + admin), null);
        JsonNode again = submit("[{\"value\": \"to-revoke.example.com\"}]").path("results").get(0);
        JsonNode current = JSON.readTree(server.get(IOCS + "/" + id, admin).body());

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).path("revoked").asBoolean()).isTrue();
        assertThat(JSON.readTree(revoked.body()).path("version").asInt())
                .isEqualTo(created.path("version").asInt() + 1);
        assertThat(again.path("status").asText()).isEqualTo("unchanged");
        assertThat(current.path("revoked").asBoolean()).isTrue();
    }

    @Test
    void revoke_unknownIdIs404() throws Exception {
        HttpResponse<String> response = server.send("DELETE",
                IOCS + "/indicator--00000000-0000-4000-8000-000000000000", Map.of("Authorization", "Bearer " + admin),
                null);

        assertError(response, 404, "not_found");
    }

    @Test
    void search_seesChangesAfterSince() throws Exception {
        clock.advance(Duration.ofHours(1));
        Instant cut = clock.instant();
        submit("[{\"value\": \"late.example.com\"}]");

        assertThat(values(search("since=" + cut))).containsExactly("late.example.com");
    }

    private JsonNode search(String query) throws Exception {
        HttpResponse<String> response = server.get(IOCS + "?" + query, admin);
        assertThat(response.statusCode()).as("GET %s: %s", query, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode submit(String body) throws Exception {
        HttpResponse<String> response = server.send("POST", IOCS, jsonHeaders(), body);
        assertThat(response.statusCode()).as("POST: %s", response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private Map<String, String> jsonHeaders() {
        return Map.of("Authorization", "Bearer " + admin, "Content-Type", "application/json");
    }

    private static List<String> values(JsonNode page) {
        List<String> values = new ArrayList<>();
        page.path("iocs").forEach(ioc -> values.add(ioc.path("value").asText()));
        return values;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
