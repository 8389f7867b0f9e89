package iocd.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import iocd.MutableClock;
import iocd.auth.Plan;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.store.IocStore;
import iocd.store.PostgresStore;
import iocd.store.SqliteStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Submissions over HTTP that carry text PostgreSQL cannot store, against a real server on SQLite and on an embedded
 * PostgreSQL. The item with the bad text is rejected with its reason, the others are stored, and no response is a
 * 503. Both stores behave the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnstorableTextHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAXII = "application/taxii+json;version=2.1";

    private EmbeddedPostgres postgres;
    private final AtomicInteger databases = new AtomicInteger();
    private TestServer server;
    private String admin;

    @TempDir
    Path folder;

    enum StoreKind { SQLITE, POSTGRESQL }

    @BeforeAll
    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
            server.store.close();
            server = null;
        }
    }

    @AfterAll
    void stopPostgres() throws IOException {
        postgres.close();
    }

    private void startServer(StoreKind kind) {
        int number = databases.incrementAndGet();
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        IocStore store = switch (kind) {
            case SQLITE -> SqliteStore.open(folder.resolve("iocd-" + number + ".db"), clock);
            case POSTGRESQL -> PostgresStore.open(freshDatabase("iocd_http_text_" + number), "postgres", "unused",
                    clock);
        };
        server = new TestServer(store, clock, Plan.defaults(), ServerLimits.withBodyLimit(1 << 20));
        admin = server.keys.create("admin", "admin", Tlp.RED).secret();
    }

    private String freshDatabase(String name) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("failed to create test database " + name, e);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name;
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return server.send("POST", path, Map.of("Authorization", "Bearer " + admin, "Content-Type", contentType,
                "Accept", contentType), body);
    }

    private boolean stored(String domain) {
        return server.store.find(IocType.DOMAIN, domain).isPresent();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void restSubmit_rejectsOnlyItemWithNul(StoreKind kind) throws Exception {
        startServer(kind);

        HttpResponse<String> response = post("/api/v1/iocs", "application/json", """
                [{"value": "good1.example.com"},
                 {"value": "nul-desc2.example.com", "description": "x\\u0000y"},
                 {"value": "good2.example.com"}]""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("accepted").asInt()).isEqualTo(2);
        assertThat(body.path("rejected").asInt()).isEqualTo(1);
        JsonNode rejected = body.path("results").get(1);
        assertThat(rejected.path("status").asText()).isEqualTo("rejected");
        assertThat(rejected.path("reason").asText()).isEqualTo("domain 'nul-desc2.example.com': description "
                + "contains a NUL character (U+0000) at position 1; remove it");
        assertThat(body.path("results").get(0).path("status").asText()).isEqualTo("new");
        assertThat(body.path("results").get(2).path("status").asText()).isEqualTo("new");
        assertThat(stored("good1.example.com")).isTrue();
        assertThat(stored("good2.example.com")).isTrue();
        assertThat(stored("nul-desc2.example.com")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void restSubmit_namesFieldOfEachBadText(StoreKind kind) throws Exception {
        startServer(kind);

        HttpResponse<String> response = post("/api/v1/iocs", "application/json", """
                [{"value": "good1.example.com"},
                 {"value": "a.example.com", "tags": ["ok", "b\\u0000d"]},
                 {"value": "b.example.com", "kill_chain_phases": ["\\u0000"]},
                 {"value": "c.example.com", "reference": "https://example.com/\\u0000"},
                 {"value": "d.example.com", "description": "lone \\ud800 surrogate"},
                 {"value": "e\\u0000.example.com", "type": "domain"},
                 {"value": "good2.example.com", "description": "pair \\ud83d\\ude00 and\\ttab"}]""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(results.get(1).path("reason").asText()).endsWith("tags[1] contains a NUL character (U+0000) at "
                + "position 1; remove it");
        assertThat(results.get(2).path("reason").asText()).endsWith("kill_chain_phases[0] contains a NUL character "
                + "(U+0000) at position 0; remove it");
        assertThat(results.get(3).path("reason").asText()).endsWith("reference contains a NUL character (U+0000) at "
                + "position 20; remove it");
        assertThat(results.get(4).path("reason").asText()).endsWith("description contains an unpaired surrogate "
                + "U+D800 at position 5, which is not a Unicode character; remove it or send the complete surrogate "
                + "pair");
        assertThat(results.get(5).path("reason").asText()).endsWith("value contains a NUL character (U+0000) at "
                + "position 1; remove it");
        assertThat(results.get(6).path("status").asText()).isEqualTo("new");
        assertThat(server.store.find(IocType.DOMAIN, "good2.example.com").orElseThrow().description())
                .isEqualTo("pair \uD83D\uDE00 and\ttab");
        assertThat(server.store.count()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void taxiiPost_listsNulObjectUnderFailures(StoreKind kind) throws Exception {
        startServer(kind);

        HttpResponse<String> response = post("/taxii2/api/collections/all/objects/", TAXII, """
                {"objects": [%s, %s, %s]}""".formatted(
                indicator("11111111-1111-4111-8111-111111111111", "good1.example.com", "first"),
                indicator("22222222-2222-4222-8222-222222222222", "nul-desc.example.com", "d\\u0000"),
                indicator("33333333-3333-4333-8333-333333333333", "good2.example.com", "third")));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.path("success_count").asInt()).isEqualTo(2);
        assertThat(status.path("failure_count").asInt()).isEqualTo(1);
        JsonNode failure = status.path("failures").get(0);
        assertThat(failure.path("id").asText()).isEqualTo("indicator--22222222-2222-4222-8222-222222222222");
        assertThat(failure.path("message").asText())
                .isEqualTo("description contains a NUL character (U+0000) at position 1; remove it");
        assertThat(stored("good1.example.com")).isTrue();
        assertThat(stored("good2.example.com")).isTrue();
        assertThat(stored("nul-desc.example.com")).isFalse();
    }

    /** Checks that a key name with a NUL is rejected the same way on both stores, before the database receives it. */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void keyCreate_nulInNameIs400(StoreKind kind) throws Exception {
        startServer(kind);

        HttpResponse<String> response = post("/api/v1/keys", "application/json",
                "{\"plan\": \"free\", \"name\": \"ops\\u0000team\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asText()).isEqualTo("invalid_key_name");
        assertThat(body.path("message").asText()).contains("U+0000");
        assertThat(server.keys.list()).noneMatch(key -> key.name().startsWith("ops"));
    }

    private static String indicator(String uuid, String domain, String description) {
        return """
                {"type": "indicator", "spec_version": "2.1", "id": "indicator--%s",
                 "created": "2026-05-30T10:00:00.000Z", "modified": "2026-05-30T10:00:00.000Z",
                 "pattern": "[domain-name:value = '%s']", "pattern_type": "stix",
                 "valid_from": "2026-05-30T10:00:00Z", "description": "%s"}""".formatted(uuid, domain, description);
    }
}
