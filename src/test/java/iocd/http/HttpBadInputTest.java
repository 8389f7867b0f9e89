package iocd.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import iocd.MutableClock;
import iocd.auth.Plan;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.store.SqliteStore;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Hostile parameters, headers, paths and bodies on a real server: every status is below 500, every error is the
 * JSON error body with a message, and a store snapshot taken before equals the one taken after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpBadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String BIG = "A".repeat(100 * 1024);
    private static final String TAXII_MEDIA = "application/taxii+json;version=2.1";
    private static final String TAXII_ALL = "/taxii2/api/collections/all";

    /** Raw (already percent-encoded where needed) hostile values for query parameters. */
    static final List<String> HOSTILE = List.of(
            "%27%20OR%20%271%27%3D%271", "1%3B%20DROP%20TABLE%20ioc%3B--", "%27%29%3B--", "%22%5C%27",
            "%00", "a%00b", "%01%02%1F%7F", "%0D%0AX-Injected%3A%201", "%C3%28", "%FF%FE%FD", "%C0%AF",
            "%ED%A0%80", "%F4%90%80%80", "%", "%G1", "..%2F..%2Fetc%2Fpasswd", "-1", "0", "99999999999999999999",
            "1e3", "NaN", "true%20", "", "%20", "%E2%80%AE", "indicator--..%2F..", "*", "%2A%2A%2A");

    static final List<String> STRICT_PARAMETERS = List.of("type", "since", "limit", "format", "include_identity",
            "include_markings", "tlp", "cursor");

    private SqliteStore store;
    private TestServer server;
    private String admin;
    private String indicatorId;

    @BeforeAll
    void start(@TempDir Path dir) {
        MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(1)));
        store = SqliteStore.open(dir.resolve("iocd.db"), clock);
        List<Ioc> iocs = List.of(Ioc.builder(IocType.IPV4, "192.0.2.1").confidence(90).build(),
                Ioc.builder(IocType.DOMAIN, "evil.example.com").tags(List.of("c2")).build(),
                Ioc.builder(IocType.URL, "http://example.com/it's\\here").build());
        indicatorId = store.merge(iocs).outcomes().get(0).current().stixId();
        clock.set(NOW);
        server = new TestServer(store, clock, Plan.defaults(), ServerLimits.withBodyLimit(1 << 20));
        admin = server.keys.create("admin", "admin", Tlp.RED).secret();
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    static Stream<Arguments> strictParameters() {
        List<Arguments> cases = new ArrayList<>();
        for (String path : List.of("/api/v1/iocs/stix", "/api/v1/iocs")) {
            for (String parameter : STRICT_PARAMETERS) {
                if (path.equals("/api/v1/iocs") && List.of("format", "include_identity", "include_markings", "tlp")
                        .contains(parameter)) {
                    continue;
                }
                cases.add(Arguments.of(path, parameter));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("strictParameters")
    void strictParameter_hostileValueIs400NamingIt(String path, String parameter) throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        for (String value : HOSTILE) {
            if (parameter.equals("limit") && value.equals("1e3")) {
                continue;
            }
            TestServer.RawResponse response = server.raw("GET", path + "?" + parameter + "=" + value, auth());

            if (parameter.equals("limit") && value.equals("99999999999999999999")) {
                assertThat(response.statusCode()).as("%s?%s=%s", path, parameter, value).isIn(200, 400);
                continue;
            }
            assertJsonError(response, 400, path + "?" + parameter + "=" + value);
            assertThat(JSON.readTree(response.body()).path("message").asText()).as("%s?%s=%s", path, parameter, value)
                    .containsAnyOf("'" + parameter + "'", "query");
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"value", "tag"})
    void freeTextParameter_hostileValueIsNever5xx(String parameter) throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        for (String value : HOSTILE) {
            for (String type : List.of("", "&type=ipv4", "&type=url")) {
                String query = "/api/v1/iocs?" + parameter + "=" + value + type;
                TestServer.RawResponse response = server.raw("GET", query, auth());

                assertThat(response.statusCode()).as(query).isLessThan(500);
                if (response.statusCode() >= 400) {
                    assertJsonError(response, response.statusCode(), query);
                } else {
                    assertThat(JSON.readTree(response.body()).get("iocs").isArray()).isTrue();
                }
            }
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/iocs/stix", "/api/v1/iocs"})
    void repeatedParameter_is400(String path) throws Exception {
        for (String parameter : List.of("type", "since", "limit", "cursor")) {
            String query = path + "?" + parameter + "=ipv4&" + parameter + "=domain";

            assertJsonError(server.get(query, admin), 400, query);
            assertThat(message(server.get(query, admin))).contains(parameter).contains("2 times");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/iocs/stix", "/api/v1/iocs"})
    void hundredKilobyteParameter_isRejectedWithJson(String path) throws Exception {
        for (String parameter : List.of("type", "value", "since")) {
            String query = path + "?" + parameter + "=" + BIG;
            HttpResponse<String> response = server.get(query, admin);

            assertThat(response.statusCode()).as(parameter).isBetween(400, 499);
            assertJsonError(response, response.statusCode(), parameter);
        }
    }

    @Test
    void hundredKilobyteHeader_isRejectedWithJson() throws Exception {
        for (String header : List.of("Authorization", "X-API-Key", "Accept", "X-Other")) {
            HttpResponse<String> response = server.send("GET", "/api/v1/iocs",
                    Map.of(header, header.equals("Authorization") ? "Bearer " + BIG : BIG), null);

            assertThat(response.statusCode()).as(header).isBetween(400, 499);
            assertJsonError(response, response.statusCode(), header);
        }
    }

    @Test
    void hostileHeaders_areNever5xx() throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        List<String> values = List.of("' OR '1'='1", "application/stix+json;version=\"2.1", "*/*;q=abc",
                "application/json;version=;;;", "\u00ff\u00fe", "\t", "text/html, application/xml;q=0.9");
        for (String value : values) {
            for (String header : List.of("Accept", "Content-Type", "X-API-Key", "Authorization")) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put(header, value);
                if (!header.equals("Authorization") && !header.equals("X-API-Key")) {
                    headers.put("Authorization", "Bearer " + admin);
                }
                for (String path : List.of("/api/v1/iocs/stix", "/api/v1/iocs")) {
                    HttpResponse<String> response = server.send("GET", path, headers, null);

                    assertThat(response.statusCode()).as("%s: %s on %s", header, value, path).isLessThan(500);
                    if (response.statusCode() >= 400) {
                        assertJsonError(response, response.statusCode(), header + ": " + value);
                    }
                }
            }
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void taxiiErrors_echoedValuesAreUtf8() throws Exception {
        // Sent as the raw bytes FF FE C0 AF, which are not UTF-8. The server reads header bytes as ISO-8859-1.
        String rawBytes = "\u00ff\u00fe\u00c0\u00af";
        TestServer.RawResponse notAcceptable = server.raw("GET", TAXII_ALL + "/objects/",
                Map.of("Authorization", "Bearer " + admin, "Accept", rawBytes));
        TestServer.RawResponse unsupported = server.raw("POST", TAXII_ALL + "/objects/",
                Map.of("Authorization", "Bearer " + admin, "Accept", TAXII_MEDIA, "Content-Type", rawBytes,
                        "Content-Length", "0"));
        TestServer.RawResponse badType = server.raw("GET", TAXII_ALL + "/objects/?match%5Btype%5D=x-%E2%82%AC%C3%BC",
                taxiiAuth());

        assertThat(notAcceptable.statusCode()).isEqualTo(406);
        assertThat(unsupported.statusCode()).isEqualTo(415);
        assertThat(badType.statusCode()).isEqualTo(400);
        for (TestServer.RawResponse response : List.of(notAcceptable, unsupported, badType)) {
            assertThat(response.body()).as("a body decoded as UTF-8 without replacement").doesNotContain("\ufffd");
            assertTaxiiError(response, response.body());
        }
        assertThat(JSON.readTree(notAcceptable.body()).path("description").asText()).contains(rawBytes);
        assertThat(JSON.readTree(unsupported.body()).path("description").asText()).contains(rawBytes);
        assertThat(JSON.readTree(badType.body()).path("description").asText()).contains("x-\u20ac\u00fc");
    }

    /**
     * Checks that bad Host headers get a JSON 400 naming the header, and that whatever Jetty logs about them stays
     * below the levels the shipped logging configuration writes, so clients cannot fill the log.
     */
    @Test
    void badHostHeader_is400WithoutLoggedWarning() throws Exception {
        LoggerContext shipped = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(shipped);
        configurator.doConfigure(HttpBadInputTest.class.getResource("/logback.xml"));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("Host: ' OR 1=1--\r\n", "invalid Host header");
        requests.put("Host: \u00ff\u00fe\u00c0\u00af\r\n", "invalid Host header");
        requests.put("Host: example.com:99999\r\n", "invalid Host header");
        requests.put("Host: [::1\r\n", "invalid Host header");
        requests.put("Host: a.example\r\nHost: b.example\r\n", "more than one Host header");
        requests.put("", "missing Host header");
        try {
            for (Map.Entry<String, String> request : requests.entrySet()) {
                for (String path : List.of("/api/v1/iocs", "/taxii2/")) {
                    String context = path + " with " + request.getKey().strip();
                    TestServer.RawResponse response = server.raw("GET " + path + " HTTP/1.1\r\n" + request.getKey()
                            + "Authorization: Bearer " + admin + "\r\nConnection: close\r\n\r\n");

                    assertThat(response.statusCode()).as(context).isEqualTo(400);
                    JsonNode body = JSON.readTree(response.body());
                    String message = path.startsWith("/taxii2") ? body.path("description").asText()
                            : body.path("message").asText();
                    assertThat(message).as(context).contains(request.getValue()).doesNotContain("percent-encoding");
                }
            }
        } finally {
            root.detachAppender(captured);
        }

        List<ILoggingEvent> written = captured.list.stream()
                .filter(event -> shipped.getLogger(event.getLoggerName()).isEnabledFor(event.getLevel())).toList();
        assertThat(written).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        // Without Jetty's warnings in the test log the check above would pass whatever the shipped levels are.
        assertThat(captured.list).extracting(ILoggingEvent::getLoggerName).contains("org.eclipse.jetty.util.HostPort");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2F..%2Fetc", "..%2F..%2F..%2F..%2Fetc%2Fpasswd", "%2E%2E%2F%2E%2E%2Fetc",
            "indicator--..%2F..%2Fetc", "indicator--%00", "%00", "indicator--00000000-0000-0000-0000-00000000000%27",
            "%27%20OR%201%3D1--", "..%5C..%5Cwindows", "indicator--00000000-0000-4000-8000-000000000000",
            "vulnerability--%C3%28", "%FF%FE"})
    void pathTraversalInId_is4xxJson(String id) throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        for (String method : List.of("GET", "DELETE")) {
            TestServer.RawResponse response = server.raw(method, "/api/v1/iocs/" + id, auth());

            assertThat(response.statusCode()).as("%s %s", method, id).isBetween(400, 499);
            assertJsonError(response, response.statusCode(), method + " " + id);
        }
        TestServer.RawResponse key = server.raw("DELETE", "/api/v1/keys/" + id, auth());
        assertThat(key.statusCode()).as("DELETE key %s", id).isBetween(400, 499);
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void idUnderAnotherStixType_is404() throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        String uuid = indicatorId.substring("indicator--".length());
        for (String type : List.of("vulnerability", "attack-pattern", "x-custom", "INDICATOR")) {
            for (String method : List.of("GET", "DELETE")) {
                String path = "/api/v1/iocs/" + type + "--" + uuid;
                HttpResponse<String> response = server.send(method, path, auth(), null);

                assertJsonError(response, 404, method + " " + path);
                assertThat(message(response)).as(path).contains(type + "--" + uuid);
            }
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);

        for (String id : List.of(indicatorId, uuid)) {
            HttpResponse<String> found = server.send("GET", "/api/v1/iocs/" + id, auth(), null);
            assertThat(found.statusCode()).as(id).isEqualTo(200);
            assertThat(JSON.readTree(found.body()).path("id").asText()).as(id).isEqualTo(indicatorId);
        }
    }

    @Test
    void taxiiIdUnderAnotherStixType_is404() throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        String other = "vulnerability--" + indicatorId.substring("indicator--".length());
        List<String> paths = List.of("GET " + TAXII_ALL + "/objects/" + other + "/",
                "GET " + TAXII_ALL + "/objects/" + other + "/versions/",
                "DELETE " + TAXII_ALL + "/objects/" + other + "/");
        for (String request : paths) {
            String[] parts = request.split(" ");
            TestServer.RawResponse response = server.raw(parts[0], parts[1], taxiiAuth());

            assertThat(response.statusCode()).as(request).isEqualTo(404);
            assertTaxiiError(response, request);
        }
        TestServer.RawResponse matched = server.raw("GET", TAXII_ALL + "/objects/?match%5Bid%5D=" + other,
                taxiiAuth());
        assertThat(matched.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(matched.body()).path("objects")).isEmpty();
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void rawTraversalPath_isNot5xx() throws Exception {
        for (String path : List.of("/api/v1/iocs/../../etc/passwd", "/api/v1/iocs/%2e%2e/%2e%2e/etc",
                "/api/v1/iocs/..;/keys", "//api//v1//iocs", "/api/v1/iocs/stix/../../keys")) {
            TestServer.RawResponse response = server.raw("GET", path, auth());

            assertThat(response.statusCode()).as(path).isLessThan(500);
            if (path.contains("keys")) {
                assertThat(response.body()).as(path).doesNotContain("\"prefix\"");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"added_after", "limit", "next", "match[id]", "match[type]", "match[version]",
            "match[spec_version]", "match%5Bid%5D"})
    void taxiiParameter_hostileValueIsNever5xx(String parameter) throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        for (String path : List.of(TAXII_ALL + "/objects/", TAXII_ALL + "/manifest/")) {
            for (String value : HOSTILE) {
                String query = path + "?" + parameter + "=" + value;
                TestServer.RawResponse response = server.raw("GET", query, taxiiAuth());

                assertThat(response.statusCode()).as(query).isLessThan(500);
                if (response.statusCode() >= 400) {
                    assertTaxiiError(response, query);
                }
            }
            String repeated = path + "?" + parameter + "=1&" + parameter + "=2";
            assertThat(server.raw("GET", repeated, taxiiAuth()).statusCode()).as(repeated).isLessThan(500);
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"added_after", "limit", "next", "match%5Bid%5D", "match%5Btype%5D", "match%5Bversion%5D",
            "match%5Bspec_version%5D", "unknown", "match%5Btype%zz"})
    void taxiiParameter_malformedEncodingIs400(String parameter) throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        List<String> paths = List.of(TAXII_ALL + "/objects/", TAXII_ALL + "/manifest/",
                TAXII_ALL + "/objects/" + indicatorId + "/", TAXII_ALL + "/objects/" + indicatorId + "/versions/");
        for (String path : paths) {
            for (String value : List.of("%zz", "%", "%4", "%FF", "%C3%28", "%C0%AF", "%ED%A0%80")) {
                String query = path + "?" + parameter + "=" + value;
                TestServer.RawResponse response = server.raw("GET", query, taxiiAuth());

                assertThat(response.statusCode()).as("%s: %s", query, response.body()).isEqualTo(400);
                assertTaxiiError(response, query);
                assertThat(JSON.readTree(response.body()).path("description").asText()).as(query)
                        .contains("not valid percent-encoded UTF-8");
            }
        }
        String delete = TAXII_ALL + "/objects/" + indicatorId + "/?" + parameter + "=%zz";
        assertThat(server.raw("DELETE", delete, taxiiAuth()).statusCode()).as(delete).isEqualTo(400);
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2F..%2Fetc", "indicator--..%2F..%2Fetc", "indicator--%00", "%27%20OR%201%3D1--",
            "indicator--00000000-0000-4000-8000-000000000000", "vulnerability--%C3%28", "%FF%FE",
            "indicator--" + "a", "x--y--z", "indicator--00000000-0000-4000-8000-00000000000g"})
    void taxiiObjectId_hostileIsJson4xx(String id) throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        for (String method : List.of("GET", "DELETE")) {
            for (String suffix : List.of("/", "/versions/")) {
                if (method.equals("DELETE") && suffix.equals("/versions/")) {
                    continue;
                }
                String path = TAXII_ALL + "/objects/" + id + suffix;
                TestServer.RawResponse response = server.raw(method, path, taxiiAuth());

                assertThat(response.statusCode()).as("%s %s", method, path).isBetween(400, 499);
                assertTaxiiOrUnparsedError(response, method + " " + path);
            }
        }
        for (String collection : List.of("..%2F..", "%00", "nope", "%C3%28")) {
            TestServer.RawResponse response = server.raw("GET", "/taxii2/api/collections/" + collection + "/objects/",
                    taxiiAuth());
            assertThat(response.statusCode()).as(collection).isBetween(400, 499);
            assertTaxiiOrUnparsedError(response, collection);
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void taxiiAdd_hostileEnvelopesStoreNothing() throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        List<String> bodies = List.of("", "{", "[]", "{\"objects\": 5}", "{\"objects\": [5]}",
                "{\"objects\": [{\"type\": \"indicator\"}]}",
                "{\"objects\": [{\"type\": \"indicator\", \"spec_version\": \"2.1\", \"pattern\": \"[ipv4-addr:value = '"
                        + BIG + "']\", \"pattern_type\": \"stix\"}]}",
                "{\"objects\": []} trailing", "{\"objects\": " + "[".repeat(5000) + "]".repeat(5000) + "}");
        for (String body : bodies) {
            HttpResponse<String> response = server.send("POST", TAXII_ALL + "/objects/", Map.of("Authorization",
                    "Bearer " + admin, "Accept", TAXII_MEDIA, "Content-Type", TAXII_MEDIA), body);

            String shown = body.length() > 60 ? body.substring(0, 60) : body;
            assertThat(response.statusCode()).as(shown).isLessThan(500);
        }
        assertThat(StoreSnapshot.of(store).iocs()).isEqualTo(before.iocs());
    }

    @Test
    void submission_hostileBodiesStoreNothing() throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        List<String> bodies = List.of("", "{", "[", "[{\"value\": ", "null", "42", "\"text\"", "{\"iocs\": 5}",
                "{\"iocs\": [1, 2]}", "[{\"value\": 5}]", "[{\"value\": null}]", "[{\"value\": \"\"}]",
                "[{\"value\": \"' OR 1=1 --\"}]", "[{\"value\": \"192.0.2.300\"}]", "[{\"value\": \"a\\u0000b\"}]",
                "[{\"value\": \"192.0.2.9\", \"confidence\": 101}]",
                "[{\"value\": \"192.0.2.9\", \"confidence\": \"high\"}]",
                "[{\"value\": \"192.0.2.9\", \"tlp\": \"purple\"}]",
                "[{\"value\": \"192.0.2.9\", \"type\": \"nope\"}]",
                "[{\"value\": \"192.0.2.9\", \"first_seen\": \"yesterday\"}]",
                "[{\"value\": \"192.0.2.9\", \"tags\": \"c2\"}]",
                "[{\"value\": \"192.0.2.9\", \"tags\": [\"" + "t".repeat(1001) + "\"]}]",
                "[{\"value\": \"" + BIG + "\"}]", "[" + "[".repeat(5000) + "]".repeat(5000) + "]",
                "\u00ef\u00bb\u00bf[]", "[{\"value\": \"192.0.2.9\"}] trailing");
        for (String body : bodies) {
            HttpResponse<String> response = server.send("POST", "/api/v1/iocs", Map.of("Authorization",
                    "Bearer " + admin, "Content-Type", "application/json"), body);

            String shown = body.length() > 60 ? body.substring(0, 60) : body;
            assertThat(response.statusCode()).as(shown).isLessThan(500);
            if (response.statusCode() >= 400) {
                assertJsonError(response, response.statusCode(), shown);
            } else {
                assertThat(JSON.readTree(response.body()).get("accepted").asInt()).as(shown).isZero();
            }
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    static Stream<Arguments> malformedJson() {
        return Stream.of(
                Arguments.of("[{\"value\": ", "end-of-input"),
                Arguments.of("[{\"value\": \"192.0.2.9\"}", "(start marker at line 1, column 1) at line 1, column"),
                Arguments.of("[{\"value\": \"192.0.2.9\"}}", "at line 1, column 24"),
                Arguments.of("{\"iocs\": []} {}", "unexpected content after the end of the JSON value"),
                Arguments.of("[".repeat(1001) + "]".repeat(1001), "the JSON is nested more than 1000 levels deep"),
                Arguments.of("[NaN]", "non-standard token 'NaN', which JSON does not allow"),
                Arguments.of("[" + "9".repeat(1001) + "]", "a number is longer than 1000 characters"),
                Arguments.of("[\"192.0.2.9", "end-of-input in a string at line 1"));
    }

    @ParameterizedTest
    @MethodSource("malformedJson")
    void malformedJson_messageNamesProblemNotLibrary(String body, String expected) throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        Map<String, String> json = Map.of("Authorization", "Bearer " + admin, "Content-Type", "application/json");
        Map<String, String> taxii = Map.of("Authorization", "Bearer " + admin, "Accept", TAXII_MEDIA,
                "Content-Type", TAXII_MEDIA);
        HttpResponse<String> submission = server.send("POST", "/api/v1/iocs", json, body);
        HttpResponse<String> key = server.send("POST", "/api/v1/keys", json, body);
        HttpResponse<String> envelope = server.send("POST", TAXII_ALL + "/objects/", taxii,
                body.startsWith("{\"iocs\"") ? body.replace("iocs", "objects") : body);

        assertJsonError(submission, 400, "submission");
        assertJsonError(key, 400, "key creation");
        assertThat(envelope.statusCode()).as(envelope.body()).isEqualTo(422);
        List<String> messages = List.of(message(submission), message(key),
                JSON.readTree(envelope.body()).path("description").asText());
        for (String message : messages) {
            assertThat(message).contains("not valid JSON", expected);
            assertThat(message).doesNotContain("`", "Source", "REDACTED", "StreamReadConstraints", "Feature",
                    "jackson", "VALUE_STRING", "START_OBJECT");
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void submission_invalidUtf8BodyStoresNothing() throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        byte[] body = {'[', '{', '"', 'v', 'a', 'l', 'u', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF,
                '"', '}', ']'};
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/iocs"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();

        HttpResponse<String> response = server.http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertJsonError(response, response.statusCode(), "invalid UTF-8");
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void keyCreation_hostileBodiesCreateNoKey() throws Exception {
        StoreSnapshot before = StoreSnapshot.of(store);
        for (String body : List.of("", "{", "[]", "{\"plan\": 5, \"name\": \"x\"}", "{\"plan\": \"root\", \"name\": \"x\"}",
                "{\"plan\": \"pro\", \"name\": \"\"}", "{\"plan\": \"pro\", \"name\": \"" + "n".repeat(201) + "\"}",
                "{\"plan\": \"pro\", \"name\": \"x\", \"clearance\": \"purple\"}",
                "{\"plan\": \"pro' OR '1'='1\", \"name\": \"x\"}")) {
            HttpResponse<String> response = server.send("POST", "/api/v1/keys", Map.of("Authorization",
                    "Bearer " + admin, "Content-Type", "application/json"), body);

            assertJsonError(response, 400, body);
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    private Map<String, String> taxiiAuth() {
        return Map.of("Authorization", "Bearer " + admin, "Accept", TAXII_MEDIA);
    }

    private static void assertTaxiiError(TestServer.RawResponse response, String context) throws Exception {
        assertThat(response.headers().get("content-type")).as("content type for %s", context)
                .startsWith("application/taxii+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error_code").asText()).as("error_code for %s", context).isNotBlank();
        assertThat(body.path("description").asText()).as("description for %s", context).isNotBlank();
    }

    /** A request Jetty cannot parse (a NUL in the path) has no known path, so it gets the REST error body. */
    private static void assertTaxiiOrUnparsedError(TestServer.RawResponse response, String context)
            throws Exception {
        if (JSON.readTree(response.body()).has("error_code")) {
            assertTaxiiError(response, context);
        } else {
            assertJsonError(response, response.statusCode(), context);
            assertThat(context).contains("%00");
        }
    }

    private Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + admin);
    }

    private static void assertJsonError(TestServer.RawResponse response, int status, String context)
            throws Exception {
        assertThat(response.statusCode()).as("status for %s: %s", context, abbreviate(response.body()))
                .isEqualTo(status);
        assertThat(response.headers().get("content-type")).as("content type for %s", context)
                .startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asText()).as("code for %s", context).isNotBlank();
        assertThat(body.path("message").asText()).as("message for %s", context).isNotBlank();
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String context) throws Exception {
        assertThat(response.statusCode()).as("status for %s: %s", context, abbreviate(response.body()))
                .isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("content type for %s", context)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asText()).as("code for %s", context).isNotBlank();
        assertThat(body.path("message").asText()).as("message for %s", context).isNotBlank();
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("message").asText();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
