package iocd.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import iocd.MutableClock;
import iocd.auth.ApiKeys;
import iocd.auth.Plan;
import iocd.auth.Scope;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.store.ApiKeyRecord;
import iocd.store.SqliteStore;
import iocd.store.StoredIoc;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may read and change what, over every protected endpoint of a real server on a real SQLite file: missing,
 * malformed, unknown and revoked keys, plans without the scope, the plan lookback and the key's TLP clearance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String TAXII_MEDIA = "application/taxii+json;version=2.1";
    private static final String TAXII_ENVELOPE = "{\"objects\": [{\"type\": \"indicator\", \"spec_version\": \"2.1\", "
            + "\"id\": \"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\", \"created\": \"2026-05-01T00:00:00.000Z\", "
            + "\"modified\": \"2026-05-01T00:00:00.000Z\", \"pattern\": \"[ipv4-addr:value = '203.0.113.78']\", "
            + "\"pattern_type\": \"stix\", \"valid_from\": \"2026-05-01T00:00:00Z\"}]}";
    private static final String TAXII_ALL = "/taxii2/api/collections/all";

    private SqliteStore store;
    private TestServer server;
    private Path dbFile;
    private final Map<String, String> keys = new HashMap<>();
    private final Map<String, String> keyIds = new HashMap<>();
    private StoredIoc oldIoc;
    private StoredIoc monthOldIoc;
    private StoredIoc amberIoc;
    private StoredIoc redIoc;

    /** A protected endpoint, the scope it needs, and a plan that lacks that scope. */
    enum Endpoint {
        BUNDLE("GET", "/api/v1/iocs/stix", null, "free"),
        SEARCH("GET", "/api/v1/iocs", null, "feed"),
        BY_ID("GET", "/api/v1/iocs/{id}", null, "feed"),
        SUBMIT("POST", "/api/v1/iocs", "[{\"value\": \"203.0.113.77\"}]", "pro"),
        REVOKE_IOC("DELETE", "/api/v1/iocs/{id}", null, "pro"),
        LIST_KEYS("GET", "/api/v1/keys", null, "enterprise"),
        CREATE_KEY("POST", "/api/v1/keys", "{\"plan\": \"free\", \"name\": \"intruder\"}", "enterprise"),
        REVOKE_KEY("DELETE", "/api/v1/keys/{key}", null, "enterprise"),
        TAXII_DISCOVERY("GET", "/taxii2/", null, "free"),
        TAXII_COLLECTIONS("GET", "/taxii2/api/collections/", null, "free"),
        TAXII_OBJECTS("GET", "/taxii2/api/collections/all/objects/", null, "feed"),
        TAXII_MANIFEST("GET", "/taxii2/api/collections/all/manifest/", null, "feed"),
        TAXII_OBJECT("GET", "/taxii2/api/collections/all/objects/{id}/", null, "feed"),
        TAXII_VERSIONS("GET", "/taxii2/api/collections/all/objects/{id}/versions/", null, "feed"),
        TAXII_ADD("POST", "/taxii2/api/collections/all/objects/", TAXII_ENVELOPE, "pro"),
        TAXII_DELETE("DELETE", "/taxii2/api/collections/all/objects/{id}/", null, "pro");

        final String method;
        final String path;
        final String body;
        final String planWithoutScope;

        Endpoint(String method, String path, String body, String planWithoutScope) {
            this.method = method;
            this.path = path;
            this.body = body;
            this.planWithoutScope = planWithoutScope;
        }
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(200)));
        dbFile = dir.resolve("iocd.db");
        store = SqliteStore.open(dbFile, clock);
        oldIoc = store.merge(List.of(Ioc.builder(IocType.IPV4, "192.0.2.200").confidence(90).build()))
                .outcomes().get(0).current();
        clock.set(NOW.minus(Duration.ofDays(30)));
        monthOldIoc = store.merge(List.of(Ioc.builder(IocType.IPV4, "192.0.2.30").confidence(90).build()))
                .outcomes().get(0).current();
        clock.set(NOW.minus(Duration.ofDays(1)));
        store.merge(List.of(Ioc.builder(IocType.IPV4, "192.0.2.1").confidence(90).build(),
                Ioc.builder(IocType.IPV4, "192.0.2.2").confidence(10).build()));
        amberIoc = store.merge(List.of(Ioc.builder(IocType.EMAIL, "phisher@example.com").confidence(75)
                .sourceTlp(Tlp.AMBER).build())).outcomes().get(0).current();
        redIoc = store.merge(List.of(Ioc.builder(IocType.DOMAIN, "red.example.org").confidence(90)
                .sourceTlp(Tlp.RED).build())).outcomes().get(0).current();
        clock.set(NOW);

        Map<String, Plan> plans = new HashMap<>(Plan.defaults());
        plans.put("feed", new Plan("feed", Set.of(Scope.READ_STIX), Duration.ofDays(90), 6000));
        plans.put("writer", new Plan("writer", Set.of(Scope.READ_IOCS, Scope.WRITE_IOCS), Duration.ofDays(7), 6000));
        server = new TestServer(store, clock, plans,
                ServerLimits.withBodyLimit(1 << 20).withAuthFailuresPerMinute(100_000));
        for (String plan : List.of("free", "pro", "enterprise", "admin", "feed", "writer")) {
            ApiKeys.CreatedKey created = server.keys.create(plan, plan, Tlp.AMBER);
            keys.put(plan, created.secret());
            keyIds.put(plan, created.record().id());
        }
        ApiKeys.CreatedKey clearOnly = server.keys.create("admin", "clear only", Tlp.CLEAR);
        keys.put("clear", clearOnly.secret());
        ApiKeys.CreatedKey redCleared = server.keys.create("admin", "red cleared", Tlp.RED);
        keys.put("red", redCleared.secret());
        ApiKeys.CreatedKey revoked = server.keys.create("admin", "revoked", Tlp.RED);
        server.keys.revoke(revoked.record().id());
        keys.put("revoked", revoked.secret());
        ApiKeys.CreatedKey victim = server.keys.create("pro", "victim", Tlp.AMBER);
        keyIds.put("victim", victim.record().id());
        keys.put("victim", victim.secret());
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void request_withoutKeyIs401(Endpoint endpoint) throws Exception {
        HttpResponse<String> response = call(endpoint, Map.of());

        assertError(response, 401, "unauthorized");
        assertThat(response.body()).contains("missing API key");
    }

    static Stream<Arguments> malformedCredentials() {
        String basicWithoutPassword = Base64.getEncoder().encodeToString("user:".getBytes(StandardCharsets.UTF_8));
        String basicWithoutColon = Base64.getEncoder().encodeToString("user".getBytes(StandardCharsets.UTF_8));
        List<Map<String, String>> headers = List.of(
                Map.of("Authorization", "Bearer"),
                Map.of("Authorization", "Bearer    "),
                Map.of("Authorization", "Digest username=\"a\""),
                Map.of("Authorization", "Basic !!!not-base64!!!"),
                Map.of("Authorization", "Basic " + basicWithoutPassword),
                Map.of("Authorization", "Basic " + basicWithoutColon),
                Map.of("X-API-Key", " "),
                Map.of("Authorization", "Bearer sk_live_aaaa", "X-API-Key", "sk_live_bbbb"),
                Map.of("Authorization", "Bearer " + "sk_live_" + "x".repeat(5000)),
                Map.of("Authorization", "Bearer not-a-key-format"),
                Map.of("Authorization", "Bearer sk_live_' OR '1'='1"),
                Map.of("X-API-Key", "sk_live_%00%27"));
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : List.of(Endpoint.BUNDLE, Endpoint.SEARCH, Endpoint.SUBMIT, Endpoint.LIST_KEYS)) {
            for (Map<String, String> header : headers) {
                cases.add(Arguments.of(endpoint, header));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("malformedCredentials")
    void request_withMalformedCredentialsIs401(Endpoint endpoint, Map<String, String> headers) throws Exception {
        assertError(call(endpoint, headers), 401, "unauthorized");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void request_withUnknownKeyIs401(Endpoint endpoint) throws Exception {
        String unknown = ApiKeys.PREFIX + "A".repeat(43);

        assertError(call(endpoint, bearer(unknown)), 401, "unauthorized");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void request_withRevokedKeyIs401(Endpoint endpoint) throws Exception {
        assertError(call(endpoint, bearer(keys.get("revoked"))), 401, "unauthorized");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void request_withPlanLackingScopeIs403(Endpoint endpoint) throws Exception {
        HttpResponse<String> response = call(endpoint, bearer(keys.get(endpoint.planWithoutScope)));

        boolean hidden = endpoint == Endpoint.TAXII_DELETE && endpoint.planWithoutScope.equals("free");
        assertError(response, hidden ? 404 : 403, hidden ? "not_found" : "insufficient_scope");
        assertThat(response.body()).contains(endpoint.planWithoutScope);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void request_withEveryCredentialFormAuthenticates(Endpoint endpoint) throws Exception {
        if (endpoint.method.equals("POST") || endpoint.method.equals("DELETE")) {
            return;
        }
        String admin = keys.get("admin");
        String basic = Base64.getEncoder().encodeToString(("anyone:" + admin).getBytes(StandardCharsets.UTF_8));
        for (Map<String, String> headers : List.of(bearer(admin), Map.of("Authorization", "Token " + admin),
                Map.of("X-API-Key", admin), Map.of("Authorization", "Basic " + basic))) {
            assertThat(call(endpoint, headers).statusCode()).as("%s with %s", endpoint, headers.keySet())
                    .isEqualTo(200);
        }
    }

    @Test
    void keys_storedOnlyAsHash() throws Exception {
        List<String> cells = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
                ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM api_keys")) {
            ResultSetMetaData meta = rows.getMetaData();
            while (rows.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    cells.add(String.valueOf(rows.getString(i)));
                }
            }
        }

        for (String secret : keys.values()) {
            assertThat(cells).noneMatch(cell -> cell.contains(secret.substring(12)));
            assertThat(cells).contains(sha256Hex(secret));
        }
    }

    @Test
    void authenticate_looksKeyUpByItsHash() throws Exception {
        String secret = ApiKeys.PREFIX + "inserted-directly-by-the-test-0123456789abc";
        store.insertKey(new ApiKeyRecord("key_direct", "direct", "pro", Tlp.AMBER, sha256Hex(secret),
                secret.substring(0, 12), NOW, null));

        assertThat(server.get("/api/v1/iocs", secret).statusCode()).isEqualTo(200);
        String neighbour = secret.substring(0, secret.length() - 1) + "d";
        assertError(server.get("/api/v1/iocs", neighbour), 401, "unauthorized");
        assertThat(server.keys.authenticate(secret)).isPresent();
        assertThat(server.keys.authenticate(secret.toUpperCase(java.util.Locale.ROOT))).isEmpty();
    }

    @Test
    void bundle_sinceBeforeLookbackIsClamped() throws Exception {
        for (String since : List.of("1970-01-01", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z")) {
            JsonNode bundle = JSON.readTree(server.get("/api/v1/iocs/stix?type=ipv4&since=" + since,
                    keys.get("pro")).body());

            assertThat(bundle.toString()).as("since=%s", since).doesNotContain("192.0.2.200");
            assertThat(bundle.toString()).as("since=%s", since).contains("192.0.2.30");
        }
    }

    @Test
    void search_sinceBeforeLookbackIsClamped() throws Exception {
        JsonNode free = JSON.readTree(server.get("/api/v1/iocs?since=1970-01-01", keys.get("free")).body());
        JsonNode pro = JSON.readTree(server.get("/api/v1/iocs?since=1970-01-01", keys.get("pro")).body());

        assertThat(values(free)).contains("192.0.2.1").doesNotContain("192.0.2.30", "192.0.2.200");
        assertThat(values(pro)).contains("192.0.2.1", "192.0.2.30").doesNotContain("192.0.2.200");
    }

    @Test
    void search_exactValueOutsideLookbackIsHidden() throws Exception {
        JsonNode free = JSON.readTree(server.get("/api/v1/iocs?type=ipv4&value=192.0.2.30&since=1970-01-01",
                keys.get("free")).body());

        assertThat(values(free)).isEmpty();
    }

    @Test
    void byId_outsideLookbackIs404() throws Exception {
        assertError(server.get("/api/v1/iocs/" + monthOldIoc.stixId(), keys.get("free")), 404, "not_found");
        assertError(server.get("/api/v1/iocs/" + oldIoc.stixId(), keys.get("pro")), 404, "not_found");
        assertThat(server.get("/api/v1/iocs/" + monthOldIoc.stixId(), keys.get("pro")).statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/iocs/" + oldIoc.stixId(), keys.get("admin")).statusCode()).isEqualTo(200);
    }

    @Test
    void revoke_outsideLookbackIs404AndStoresNothing() throws Exception {
        HttpResponse<String> response = server.send("DELETE", "/api/v1/iocs/" + monthOldIoc.id(),
                bearer(keys.get("writer")), null);

        assertError(response, 404, "not_found");
        StoredIoc after = store.findById(monthOldIoc.id()).orElseThrow();
        assertThat(after.version()).isEqualTo(monthOldIoc.version());
        assertThat(after.revoked()).isFalse();
    }

    @Test
    void taxii_addedAfterBeforeLookbackIsClamped() throws Exception {
        String body = taxii(TAXII_ALL + "/objects/?added_after=1970-01-01T00:00:00Z", keys.get("pro")).body();
        String manifest = taxii(TAXII_ALL + "/manifest/?added_after=1970-01-01T00:00:00Z", keys.get("pro")).body();

        assertThat(body).contains("192.0.2.30").doesNotContain("192.0.2.200");
        assertThat(manifest).contains(monthOldIoc.stixId()).doesNotContain(oldIoc.stixId());
    }

    @Test
    void taxii_objectOutsideLookbackIsHiddenEveryWay() throws Exception {
        String pro = keys.get("pro");

        assertError(taxii(TAXII_ALL + "/objects/" + oldIoc.stixId() + "/", pro), 404, "not_found");
        assertError(taxii(TAXII_ALL + "/objects/" + oldIoc.stixId() + "/versions/", pro), 404, "not_found");
        assertThat(taxii(TAXII_ALL + "/objects/?match[id]=" + oldIoc.stixId(), pro).body())
                .doesNotContain(oldIoc.stixId());
        assertThat(taxii(TAXII_ALL + "/manifest/?match[id]=" + oldIoc.stixId() + "&added_after=1970-01-01T00:00:00Z",
                pro).body()).doesNotContain(oldIoc.stixId());
        assertThat(taxii(TAXII_ALL + "/objects/" + oldIoc.stixId() + "/", keys.get("admin")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void taxii_objectAboveClearanceIsHiddenEveryWay() throws Exception {
        String clear = keys.get("clear");

        assertError(taxii(TAXII_ALL + "/objects/" + amberIoc.stixId() + "/", clear), 404, "not_found");
        assertError(taxii(TAXII_ALL + "/objects/" + amberIoc.stixId() + "/versions/", clear), 404, "not_found");
        assertThat(taxii(TAXII_ALL + "/objects/", clear).body()).doesNotContain("phisher", "red.example");
        assertThat(taxii(TAXII_ALL + "/objects/?match[id]=" + redIoc.stixId(), keys.get("admin")).body())
                .doesNotContain(redIoc.stixId());
        assertThat(taxii(TAXII_ALL + "/objects/" + redIoc.stixId() + "/", keys.get("red")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void taxii_deleteAboveClearanceRevokesNothing() throws Exception {
        ApiKeys.CreatedKey writer = server.keys.create("enterprise", "clear writer", Tlp.CLEAR);

        HttpResponse<String> response = server.send("DELETE", TAXII_ALL + "/objects/" + amberIoc.stixId() + "/",
                Map.of("Authorization", "Bearer " + writer.secret(), "Accept", TAXII_MEDIA), null);

        assertError(response, 404, "not_found");
        assertThat(store.findById(amberIoc.id()).orElseThrow().revoked()).isFalse();
    }

    @Test
    void bundle_tlpParameterNeverLoosensSourceMarking() throws Exception {
        JsonNode bundle = JSON.readTree(server.get("/api/v1/iocs/stix?type=email&tlp=clear", keys.get("pro"))
                .body());

        JsonNode indicator = objectsOfType(bundle, "indicator").get(0);
        assertThat(indicator.get("object_marking_refs").get(0).asText()).isEqualTo(Tlp.AMBER.markingId());
        assertThat(bundle.toString()).doesNotContain(Tlp.CLEAR.markingId());
    }

    @Test
    void clearance_hidesObjectsAboveItEverywhere() throws Exception {
        String clear = keys.get("clear");
        JsonNode bundle = JSON.readTree(server.get("/api/v1/iocs/stix?tlp=clear", clear).body());
        JsonNode search = JSON.readTree(server.get("/api/v1/iocs", clear).body());

        assertThat(bundle.toString()).contains("192.0.2.2").doesNotContain("192.0.2.1'", "phisher", "red.example");
        assertThat(values(search)).containsExactly("192.0.2.2");
        assertError(server.get("/api/v1/iocs/" + amberIoc.stixId(), clear), 404, "not_found");
        assertError(server.get("/api/v1/iocs/" + redIoc.stixId(), keys.get("admin")), 404, "not_found");
        assertThat(server.get("/api/v1/iocs/" + redIoc.stixId(), keys.get("red")).statusCode()).isEqualTo(200);
        assertThat(values(JSON.readTree(server.get("/api/v1/iocs?type=domain&value=red.example.org",
                keys.get("pro")).body()))).isEmpty();
    }

    @Test
    void submit_aboveClearanceIsRejectedWithoutId() throws Exception {
        StoredIoc red = store.merge(List.of(Ioc.builder(IocType.IPV4, "198.51.100.84").sourceTlp(Tlp.RED).build()))
                .outcomes().get(0).current();

        HttpResponse<String> response = server.send("POST", "/api/v1/iocs", json(bearer(keys.get("enterprise"))),
                "[{\"value\": \"198.51.100.84\", \"description\": \"overwritten by amber writer\"}]");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        JsonNode result = body.path("results").get(0);
        assertThat(body.path("accepted").asInt()).isZero();
        assertThat(body.path("rejected").asInt()).isEqualTo(1);
        assertThat(result.path("status").asText()).isEqualTo("rejected");
        assertThat(result.path("reason").asText()).contains("cannot be changed", "TLP:AMBER");
        assertThat(result.has("id")).isFalse();
        assertThat(result.has("version")).isFalse();
        assertThat(response.body()).doesNotContain(red.id().toString());
        JsonNode forRed = JSON.readTree(server.get("/api/v1/iocs/" + red.stixId(), keys.get("red")).body());
        assertThat(forRed.has("description")).isFalse();
        assertThat(store.findById(red.id())).contains(red);
    }

    @Test
    void submit_withinClearanceUpdates() throws Exception {
        StoredIoc amber = store.merge(List.of(Ioc.builder(IocType.IPV4, "198.51.100.85").sourceTlp(Tlp.AMBER)
                .build())).outcomes().get(0).current();

        JsonNode result = JSON.readTree(server.send("POST", "/api/v1/iocs", json(bearer(keys.get("enterprise"))),
                "[{\"value\": \"198.51.100.85\", \"description\": \"seen again\"}]").body())
                .path("results").get(0);

        assertThat(result.path("status").asText()).isEqualTo("updated");
        assertThat(result.path("id").asText()).isEqualTo(amber.stixId());
        assertThat(result.path("version").asInt()).isEqualTo(2);
        assertThat(store.findById(amber.id()).orElseThrow().description()).isEqualTo("seen again");
    }

    @Test
    void submit_mixedBatchStoresAllowedItems() throws Exception {
        StoredIoc red = store.merge(List.of(Ioc.builder(IocType.IPV4, "198.51.100.86").sourceTlp(Tlp.RED).build()))
                .outcomes().get(0).current();

        JsonNode body = JSON.readTree(server.send("POST", "/api/v1/iocs", json(bearer(keys.get("enterprise"))),
                "[{\"value\": \"198.51.100.86\", \"tags\": [\"c2\"]}, {\"value\": \"198.51.100.87\"},"
                        + " {\"value\": \"198.51.100.88\", \"tlp\": \"red\"}, {\"value\": \"not an ioc\"}]")
                .body());

        assertThat(body.path("accepted").asInt()).isEqualTo(1);
        assertThat(body.path("rejected").asInt()).isEqualTo(3);
        List<String> statuses = new ArrayList<>();
        body.path("results").forEach(result -> statuses.add(result.path("status").asText()));
        assertThat(statuses).containsExactly("rejected", "new", "rejected", "rejected");
        assertThat(body.path("results").get(2).path("reason").asText()).contains("TLP:RED", "TLP:AMBER");
        assertThat(store.findById(red.id())).contains(red);
        assertThat(store.find(IocType.IPV4, "198.51.100.87")).isPresent();
        assertThat(store.find(IocType.IPV4, "198.51.100.88")).isEmpty();
    }

    @Test
    void keyManagement_nonAdminIs403() throws Exception {
        for (String plan : List.of("free", "pro", "enterprise", "feed")) {
            Map<String, String> auth = bearer(keys.get(plan));

            assertError(server.send("GET", "/api/v1/keys", auth, null), 403, "insufficient_scope");
            assertError(server.send("DELETE", "/api/v1/keys/" + keyIds.get("victim"), auth, null), 403,
                    "insufficient_scope");
            assertError(server.send("DELETE", "/api/v1/keys/" + keyIds.get(plan), auth, null), 403,
                    "insufficient_scope");
            assertError(server.send("POST", "/api/v1/keys", json(auth),
                    "{\"plan\": \"admin\", \"name\": \"escalate\"}"), 403, "insufficient_scope");
        }

        assertThat(store.findKeyById(keyIds.get("victim")).orElseThrow().active()).isTrue();
        assertThat(server.get("/api/v1/iocs", keys.get("victim")).statusCode()).isEqualTo(200);
        assertThat(store.listKeys()).noneMatch(key -> key.name().equals("escalate"));
    }

    @Test
    void keyManagement_listNeverShowsSecretsOrHashes() throws Exception {
        String body = server.get("/api/v1/keys", keys.get("admin")).body();

        for (String secret : keys.values()) {
            assertThat(body).doesNotContain(secret).doesNotContain(sha256Hex(secret));
        }
    }

    @Test
    void keyManagement_adminRevocationTakesEffectAtOnce() throws Exception {
        ApiKeys.CreatedKey target = server.keys.create("pro", "to revoke", Tlp.AMBER);
        assertThat(server.get("/api/v1/iocs", target.secret()).statusCode()).isEqualTo(200);

        HttpResponse<String> revoke = server.send("DELETE", "/api/v1/keys/" + target.record().id(),
                bearer(keys.get("admin")), null);

        assertThat(revoke.statusCode()).isEqualTo(204);
        assertError(server.get("/api/v1/iocs", target.secret()), 401, "unauthorized");
    }

    private HttpResponse<String> call(Endpoint endpoint, Map<String, String> auth) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>(auth);
        boolean taxii = endpoint.path.startsWith("/taxii2");
        if (taxii) {
            headers.put("Accept", TAXII_MEDIA);
        }
        if (endpoint.body != null) {
            headers.put("Content-Type", taxii ? TAXII_MEDIA : "application/json");
        }
        String path = endpoint.path.replace("{id}", monthOldIoc.stixId()).replace("{key}", keyIds.get("victim"));
        return server.send(endpoint.method, path, headers, endpoint.body);
    }

    private HttpResponse<String> taxii(String path, String key) throws Exception {
        return server.send("GET", path, Map.of("Authorization", "Bearer " + key, "Accept", TAXII_MEDIA), null);
    }

    private static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    private static Map<String, String> json(Map<String, String> auth) {
        Map<String, String> headers = new LinkedHashMap<>(auth);
        headers.put("Content-Type", "application/json");
        return headers;
    }

    static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as("status of %s: %s", response.uri(), response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        if (response.uri().getPath().startsWith("/taxii2")) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/taxii+json"));
            assertThat(body.path("error_code").asText()).isEqualTo(code);
            assertThat(body.path("http_status").asText()).isEqualTo(Integer.toString(status));
            assertThat(body.path("description").asText()).isNotBlank();
            return;
        }
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
    }

    private static List<String> values(JsonNode search) {
        List<String> values = new ArrayList<>();
        search.path("iocs").forEach(ioc -> values.add(ioc.get("value").asText()));
        return values;
    }

    private static List<JsonNode> objectsOfType(JsonNode bundle, String type) {
        List<JsonNode> found = new ArrayList<>();
        bundle.get("objects").forEach(object -> {
            if (object.get("type").asText().equals(type)) {
                found.add(object);
            }
        });
        return found;
    }

    static String sha256Hex(String secret) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(StandardCharsets.UTF_8)));
    }
}
