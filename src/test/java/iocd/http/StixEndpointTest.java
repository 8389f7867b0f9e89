package iocd.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import iocd.MutableClock;
import iocd.auth.ApiKeys;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.stix.RenderSettings;
import iocd.stix.StixRenderer;
import iocd.stix.StixSchemaValidator;
import iocd.store.SqliteStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundle endpoint on a real server and a real SQLite file: every parameter and every error status. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StixEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String IDENTITY_ID = "identity--4f6c1a52-8f8e-4c55-9a43-0c1a2b3c4d5e";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    private SqliteStore store;
    private ApiKeys keys;
    private IocdServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String proKey;
    private String freeKey;
    private String clearOnlyKey;
    private String revokedKey;
    private Optional<StixSchemaValidator> schemas;

    @BeforeAll
    void start(@TempDir Path dir) {
        MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(200)));
        store = SqliteStore.open(dir.resolve("iocd.db"), clock);
        store.merge(List.of(Ioc.builder(IocType.IPV4, "192.0.2.200").confidence(90).build()));

        clock.set(NOW.minus(Duration.ofDays(1)));
        List<Ioc> recent = new ArrayList<>();
        recent.add(Ioc.builder(IocType.IPV4, "192.0.2.1").confidence(90).tags(List.of("c2")).build());
        recent.add(Ioc.builder(IocType.IPV4, "192.0.2.2").confidence(30).build());
        recent.add(Ioc.builder(IocType.IPV6, "2001:db8::1").confidence(80).build());
        recent.add(Ioc.builder(IocType.DOMAIN, "evil.example.com").confidence(95)
                .killChainPhases(List.of("command-and-control")).build());
        recent.add(Ioc.builder(IocType.URL, "http://example.com/it's\\here").confidence(60).build());
        recent.add(Ioc.builder(IocType.MD5, "44d88612fea8a8f36de82e1278abb02f").confidence(100).build());
        recent.add(Ioc.builder(IocType.SHA256,
                "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f").confidence(100).build());
        recent.add(Ioc.builder(IocType.EMAIL, "phisher@example.com").confidence(75).sourceTlp(Tlp.AMBER).build());
        recent.add(Ioc.builder(IocType.CVE, "CVE-2021-44228").confidence(100).build());
        recent.add(Ioc.builder(IocType.MITRE_ATTACK, "T1566.001").name("Spearphishing Attachment")
                .killChainPhases(List.of("initial-access")).build());
        store.merge(recent);

        clock.set(NOW);
        keys = new ApiKeys(store, iocd.auth.Plan.defaults(), clock);
        proKey = keys.create("pro", "pro", Tlp.AMBER).secret();
        freeKey = keys.create("free", "free", Tlp.AMBER).secret();
        clearOnlyKey = keys.create("pro", "clear only", Tlp.CLEAR).secret();
        ApiKeys.CreatedKey revoked = keys.create("pro", "revoked", Tlp.AMBER);
        keys.revoke(revoked.record().id());
        revokedKey = revoked.secret();

        StixRenderer renderer = new StixRenderer(new RenderSettings("SOC Defenders", IDENTITY_ID,
                Instant.parse("2026-01-01T00:00:00Z"), 70));
        server = new IocdServer(store, keys, renderer, clock, 70, 1 << 20).start("127.0.0.1", 0);
        schemas = StixSchemaValidator.load();
    }

    @AfterAll
    void stop() {
        server.stop();
        store.close();
    }

    @Test
    void bundle_defaultLayoutAndHeaders() throws Exception {
        HttpResponse<String> response = get("", Map.of("Authorization", "Bearer " + proKey));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/stix+json;version=2.1");
        JsonNode bundle = JSON.readTree(response.body());
        assertThat(bundle.get("type").asText()).isEqualTo("bundle");
        assertThat(bundle.has("spec_version")).isFalse();
        assertThat(bundle.get("id").asText()).startsWith("bundle--");
        List<String> types = typesOf(bundle.get("objects"));
        assertThat(types.get(0)).isEqualTo("identity");
        int firstIoc = 1;
        while (types.get(firstIoc).equals("marking-definition")) {
            firstIoc++;
        }
        assertThat(firstIoc).isGreaterThan(1);
        assertThat(types.subList(firstIoc, types.size())).containsOnly("indicator", "vulnerability", "attack-pattern");
        assertThat(types).containsOnlyOnce("identity");
        assertThat(types).contains("vulnerability", "attack-pattern");
        for (JsonNode object : bundle.get("objects")) {
            assertThat(object.get("spec_version").asText()).isEqualTo("2.1");
            if (!object.get("type").asText().equals("identity")
                    && !object.get("type").asText().equals("marking-definition")) {
                assertThat(object.get("created_by_ref").asText()).isEqualTo(IDENTITY_ID);
            }
        }
        assertSchemaValid(bundle);
    }

    @Test
    void bundle_lookbackHidesOldIocsEvenWithOldSince() throws Exception {
        JsonNode bundle = getJson("?since=1970-01-01T00:00:00Z&type=ipv4", proKey);

        assertThat(patterns(bundle)).noneMatch(pattern -> pattern.contains("192.0.2.200"));
        assertThat(patterns(bundle)).anyMatch(pattern -> pattern.contains("192.0.2.1'"));
    }

    @Test
    void bundle_typeFilterSelectsObjectKind() throws Exception {
        assertThat(typesOf(getJson("?type=cve&include_identity=false&include_markings=false", proKey)
                .get("objects"))).containsOnly("vulnerability");
        assertThat(typesOf(getJson("?type=mitre_attack&include_identity=false&include_markings=false", proKey)
                .get("objects"))).containsOnly("attack-pattern");
        assertThat(patterns(getJson("?type=md5", proKey))).containsExactly(
                "[file:hashes.'MD5' = '44d88612fea8a8f36de82e1278abb02f']");
    }

    @Test
    void bundle_patternEscapesQuoteAndBackslash() throws Exception {
        assertThat(patterns(getJson("?type=url", proKey))).containsExactly(
                "[url:value = 'http://example.com/it\\'s\\\\here']");
    }

    @Test
    void bundle_withoutIdentityHasNoCreatedByRef() throws Exception {
        JsonNode bundle = getJson("?include_identity=false", proKey);

        assertThat(typesOf(bundle.get("objects"))).doesNotContain("identity");
        for (JsonNode object : bundle.get("objects")) {
            assertThat(object.has("created_by_ref")).isFalse();
        }
    }

    @Test
    void bundle_withoutMarkingsStillReferencesTlp() throws Exception {
        JsonNode bundle = getJson("?include_markings=false", proKey);

        assertThat(typesOf(bundle.get("objects"))).doesNotContain("marking-definition");
        for (JsonNode object : bundle.get("objects")) {
            if (object.get("type").asText().equals("indicator")) {
                assertThat(object.get("object_marking_refs")).hasSize(1);
            }
        }
    }

    @Test
    void bundle_confidenceSetsDefaultTlp() throws Exception {
        JsonNode bundle = getJson("?type=ipv4", proKey);

        assertThat(markingOf(bundle, "192.0.2.1'")).isEqualTo(Tlp.GREEN.markingId());
        assertThat(markingOf(bundle, "192.0.2.2'")).isEqualTo(Tlp.CLEAR.markingId());
    }

    @Test
    void bundle_forcedTlpAppliesButNeverLoosensSource() throws Exception {
        JsonNode amber = getJson("?tlp=amber", proKey);
        for (JsonNode object : amber.get("objects")) {
            if (object.has("object_marking_refs")) {
                assertThat(object.get("object_marking_refs").get(0).asText()).isEqualTo(Tlp.AMBER.markingId());
            }
        }
        assertThat(typesOf(amber.get("objects"))).containsOnlyOnce("marking-definition");

        JsonNode clear = getJson("?tlp=clear&type=email", proKey);
        assertThat(clear.get("objects").get(2).get("object_marking_refs").get(0).asText())
                .isEqualTo(Tlp.AMBER.markingId());
    }

    @Test
    void bundle_clearanceHidesObjectsAboveIt() throws Exception {
        JsonNode bundle = getJson("?include_identity=false&include_markings=false", clearOnlyKey);

        for (JsonNode object : bundle.get("objects")) {
            assertThat(object.get("object_marking_refs").get(0).asText()).isEqualTo(Tlp.CLEAR.markingId());
        }
        assertThat(getJson("?tlp=clear&type=email", clearOnlyKey).has("objects")).isTrue();
        assertThat(typesOf(getJson("?tlp=clear&type=email&include_identity=false&include_markings=false",
                clearOnlyKey).path("objects"))).isEmpty();
    }

    @Test
    void bundle_formatObjectsIsBareArray() throws Exception {
        JsonNode array = getJson("?format=objects", proKey);

        assertThat(array.isArray()).isTrue();
        assertThat(typesOf(array)).contains("identity", "indicator");
    }

    @Test
    void bundle_limitAndLinkPageThroughEverythingOnce() throws Exception {
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String url = base() + "?limit=2&include_identity=false&include_markings=false";
        int pages = 0;
        while (url != null) {
            HttpResponse<String> response = http.send(request(URI.create(url), Map.of("X-API-Key", proKey)),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode objects = JSON.readTree(response.body()).path("objects");
            assertThat(objects.size()).isLessThanOrEqualTo(2);
            for (JsonNode object : objects) {
                assertThat(seen.add(object.get("id").asText())).as("duplicate %s", object.get("id")).isTrue();
                order.add(object.get("modified").asText());
            }
            url = response.headers().firstValue("Link").map(StixEndpointTest::nextLink).orElse(null);
            pages++;
        }
        assertThat(seen).hasSize(10);
        assertThat(pages).isEqualTo(5);
        assertThat(order).isSorted();
    }

    @Test
    void bundle_linkUsesConfiguredPublicUrl() throws Exception {
        StixRenderer renderer = new StixRenderer(new RenderSettings("SOC Defenders", IDENTITY_ID,
                Instant.parse("2026-01-01T00:00:00Z"), 70));
        try (IocdServer proxied = new IocdServer(store, keys, renderer, new MutableClock(NOW), 70,
                ServerLimits.withBodyLimit(1 << 20), "https://iocd.example.com/").start("127.0.0.1", 0)) {
            HttpResponse<String> response = http.send(request(URI.create("http://127.0.0.1:" + proxied.port()
                    + "/api/v1/iocs/stix?limit=1"), Map.of("X-API-Key", proKey)),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(nextLink(response.headers().firstValue("Link").orElseThrow()))
                    .startsWith("https://iocd.example.com/api/v1/iocs/stix?limit=1&cursor=");
        }
    }

    @Test
    void bundle_lastPageHasNoLink() throws Exception {
        HttpResponse<String> response = get("?limit=1000", Map.of("X-API-Key", proKey));

        assertThat(response.headers().firstValue("Link")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "type=ipv5|type",
            "type=|type",
            "since=yesterday|since",
            "since=2026-13-01T00:00:00Z|since",
            "limit=0|limit",
            "limit=-5|limit",
            "limit=ten|limit",
            "limit=1.5|limit",
            "format=xml|format",
            "include_identity=yes|include_identity",
            "include_markings=1|include_markings",
            "tlp=purple|tlp",
            "tlp=white%3Bdrop|tlp",
            "cursor=AAAA|cursor",
            "type=ipv4&type=ipv6|type",
    })
    void bundle_badParameterIs400NamingIt(String query, String parameter) throws Exception {
        HttpResponse<String> response = get("?" + query, Map.of("X-API-Key", proKey));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("code").asText()).isEqualTo("invalid_parameter");
        assertThat(body.get("message").asText()).contains("'" + parameter + "'");
    }

    @Test
    void bundle_largeLimitIsCappedNotRejected() throws Exception {
        assertThat(get("?limit=5000", Map.of("X-API-Key", proKey)).statusCode()).isEqualTo(200);
    }

    @Test
    void bundle_tamperedCursorIs400() throws Exception {
        HttpResponse<String> first = get("?limit=1", Map.of("X-API-Key", proKey));
        String next = nextLink(first.headers().firstValue("Link").orElseThrow());
        String cursor = next.substring(next.indexOf("cursor=") + 7);
        char flipped = cursor.charAt(3) == 'A' ? 'B' : 'A';
        String tampered = cursor.substring(0, 3) + flipped + cursor.substring(4);

        HttpResponse<String> response = get("?limit=1&cursor=" + tampered, Map.of("X-API-Key", proKey));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("message").asText()).contains("cursor");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Authorization|Bearer KEY",
            "Authorization|Token KEY",
            "X-API-Key|KEY",
    })
    void auth_acceptedHeaderForms(String header, String value) throws Exception {
        assertThat(get("?limit=1", Map.of(header, value.replace("KEY", proKey))).statusCode()).isEqualTo(200);
    }

    @Test
    void auth_basicWithKeyAsPassword() throws Exception {
        String basic = Base64.getEncoder().encodeToString(("anyone:" + proKey).getBytes(StandardCharsets.UTF_8));

        assertThat(get("?limit=1", Map.of("Authorization", "Basic " + basic)).statusCode()).isEqualTo(200);
    }

    @Test
    void auth_missingKeyIs401() throws Exception {
        HttpResponse<String> response = get("", Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("unauthorized");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Authorization|Bearer sk_live_doesnotexist",
            "Authorization|Bearer",
            "Authorization|Digest abc",
            "Authorization|Basic !!!notbase64",
            "Authorization|garbage",
            "X-API-Key|sk_live_' OR 1=1 --",
            "X-API-Key|sk_live_%00\\..\\..",
    })
    void auth_badCredentialsAre401(String header, String value) throws Exception {
        HttpResponse<String> response = get("", Map.of(header, value));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void auth_revokedKeyIs401() throws Exception {
        assertThat(get("", Map.of("X-API-Key", revokedKey)).statusCode()).isEqualTo(401);
    }

    @Test
    void auth_planWithoutScopeIs403NamingPlanAndScope() throws Exception {
        HttpResponse<String> response = get("", Map.of("X-API-Key", freeKey));

        assertThat(response.statusCode()).isEqualTo(403);
        String message = JSON.readTree(response.body()).get("message").asText();
        assertThat(message).contains("'free'").contains("read:stix");
    }

    @ParameterizedTest
    @CsvSource({"text/html", "application/xml", "application/stix+json;version=2.0"})
    void accept_unsupportedIs406(String accept) throws Exception {
        HttpResponse<String> response = get("", Map.of("X-API-Key", proKey, "Accept", accept));

        assertThat(response.statusCode()).isEqualTo(406);
    }

    @ParameterizedTest
    @CsvSource({"application/stix+json;version=2.1", "application/stix+json", "application/json", "*/*"})
    void accept_supportedIs200(String accept) throws Exception {
        assertThat(get("?limit=1", Map.of("X-API-Key", proKey, "Accept", accept)).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPath_isJson404() throws Exception {
        HttpResponse<String> response = http.send(request(URI.create("http://127.0.0.1:" + server.port()
                + "/api/v1/nothing"), Map.of()), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("not_found");
    }

    private void assertSchemaValid(JsonNode bundle) {
        if (schemas.isEmpty()) {
            return;
        }
        assertThat(schemas.get().validate(bundle)).as("bundle schema errors").isEmpty();
        for (JsonNode object : bundle.get("objects")) {
            assertThat(schemas.get().validate(object)).as("schema errors of %s", object.get("id")).isEmpty();
        }
    }

    private String markingOf(JsonNode bundle, String patternPart) {
        for (JsonNode object : bundle.get("objects")) {
            if (object.path("pattern").asText().contains(patternPart)) {
                return object.get("object_marking_refs").get(0).asText();
            }
        }
        throw new AssertionError("no indicator with " + patternPart);
    }

    private static List<String> patterns(JsonNode bundle) {
        List<String> patterns = new ArrayList<>();
        bundle.path("objects").forEach(object -> {
            if (object.has("pattern")) {
                patterns.add(object.get("pattern").asText());
            }
        });
        return patterns;
    }

    private static List<String> typesOf(JsonNode objects) {
        List<String> types = new ArrayList<>();
        objects.forEach(object -> types.add(object.get("type").asText()));
        return types;
    }

    private static String nextLink(String header) {
        Matcher matcher = NEXT.matcher(header);
        assertThat(matcher.find()).as("Link header %s", header).isTrue();
        return matcher.group(1);
    }

    private JsonNode getJson(String query, String key) throws Exception {
        HttpResponse<String> response = get(query, Map.of("X-API-Key", key));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String query, Map<String, String> headers) throws Exception {
        return http.send(request(URI.create(base() + query), headers), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + server.port() + "/api/v1/iocs/stix";
    }

    private static HttpRequest request(URI uri, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(builder::header);
        return builder.build();
    }
}
