package iocd.http;

import static iocd.http.AccessControlTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import iocd.MutableClock;
import iocd.auth.ApiKeys;
import iocd.auth.Plan;
import iocd.auth.Scope;
import iocd.ioc.Tlp;
import iocd.store.SqliteStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Rate limits, body size, idle timeout, metrics and the access log on a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerLimitsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final int BODY_LIMIT = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(NOW);
    private SqliteStore store;
    private TestServer server;
    private String admin;

    @BeforeAll
    void start(@TempDir Path dir) {
        store = SqliteStore.open(dir.resolve("iocd.db"), clock);
        Map<String, Plan> plans = new HashMap<>(Plan.defaults());
        plans.put("tiny", new Plan("tiny", Set.of(Scope.READ_IOCS), Duration.ofDays(7), 3));
        server = new TestServer(store, clock, plans, new ServerLimits(BODY_LIMIT, Duration.ofMillis(300), 100_000));
        admin = server.keys.create("admin", "admin", Tlp.RED).secret();
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void rateLimit_tokenBucketPerKeyAnswers429() throws Exception {
        String key = server.keys.create("tiny", "tiny", Tlp.AMBER).secret();
        String other = server.keys.create("tiny", "other", Tlp.AMBER).secret();

        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> allowed = server.get("/api/v1/iocs", key);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("3");
            assertThat(allowed.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(remaining));
        }
        HttpResponse<String> limited = server.get("/api/v1/iocs", key);

        assertError(limited, 429, "rate_limited");
        assertThat(limited.body()).contains("'tiny' plan");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("20");
        assertThat(limited.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(limited.headers().firstValue("RateLimit-Reset")).hasValue("60");
        assertThat(server.get("/api/v1/iocs", other).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(19));
        assertError(server.get("/api/v1/iocs", key), 429, "rate_limited");
        clock.advance(Duration.ofSeconds(1));
        assertThat(server.get("/api/v1/iocs", key).statusCode()).isEqualTo(200);
        assertError(server.get("/api/v1/iocs", key), 429, "rate_limited");
    }

    @Test
    void authFailures_blockTheAddressFor429(@TempDir Path dir) throws Exception {
        MutableClock frozen = new MutableClock(NOW);
        try (SqliteStore own = SqliteStore.open(dir.resolve("failures.db"), frozen);
                TestServer guarded = new TestServer(own, frozen, Plan.defaults(),
                        ServerLimits.withBodyLimit(BODY_LIMIT).withAuthFailuresPerMinute(3))) {
            String valid = guarded.keys.create("pro", "valid", Tlp.AMBER).secret();
            String unknown = "sk_live_" + "0".repeat(40);

            // Three failures of three kinds use up the bucket: an unknown key, no key, a malformed TAXII login.
            assertError(guarded.get("/api/v1/iocs", unknown), 401, "unauthorized");
            assertError(guarded.send("GET", "/api/v1/iocs", Map.of(), null), 401, "unauthorized");
            assertThat(guarded.send("GET", "/taxii2/", Map.of("Authorization", "Basic !!"), null).statusCode())
                    .isEqualTo(401);
            HttpResponse<String> blocked = guarded.get("/api/v1/iocs", unknown);
            HttpResponse<String> blockedValid = guarded.get("/api/v1/iocs", valid);

            assertError(blocked, 429, "too_many_failed_authentications");
            assertThat(blocked.headers().firstValue("Retry-After")).hasValue("20");
            assertError(blockedValid, 429, "too_many_failed_authentications");

            frozen.advance(Duration.ofSeconds(20));
            assertThat(guarded.get("/api/v1/iocs", valid).statusCode()).isEqualTo(200);
            assertThat(guarded.get("/api/v1/iocs", valid).statusCode()).isEqualTo(200);
            assertError(guarded.get("/api/v1/iocs", unknown), 401, "unauthorized");
            assertError(guarded.get("/api/v1/iocs", unknown), 429, "too_many_failed_authentications");
        }
    }

    @Test
    void retryAfter_oneSecondIsSingular(@TempDir Path dir) throws Exception {
        MutableClock frozen = new MutableClock(NOW);
        Map<String, Plan> plans = new HashMap<>(Plan.defaults());
        plans.put("tiny", new Plan("tiny", Set.of(Scope.READ_IOCS), Duration.ofDays(7), 3));
        try (SqliteStore own = SqliteStore.open(dir.resolve("retry.db"), frozen);
                TestServer limited = new TestServer(own, frozen, plans,
                        ServerLimits.withBodyLimit(BODY_LIMIT).withAuthFailuresPerMinute(3))) {
            String key = limited.keys.create("tiny", "tiny", Tlp.AMBER).secret();
            for (int i = 0; i < 3; i++) {
                assertThat(limited.get("/api/v1/iocs", key).statusCode()).isEqualTo(200);
            }
            frozen.advance(Duration.ofSeconds(19));
            HttpResponse<String> rateLimited = limited.get("/api/v1/iocs", key);

            assertError(rateLimited, 429, "rate_limited");
            assertThat(rateLimited.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(JSON.readTree(rateLimited.body()).path("message").asText()).endsWith("retry after 1 second");

            String unknown = "sk_live_" + "0".repeat(40);
            for (int i = 0; i < 3; i++) {
                assertError(limited.get("/api/v1/iocs", unknown), 401, "unauthorized");
            }
            frozen.advance(Duration.ofMillis(19_500));
            HttpResponse<String> blocked = limited.get("/api/v1/iocs", unknown);

            assertError(blocked, 429, "too_many_failed_authentications");
            assertThat(blocked.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(JSON.readTree(blocked.body()).path("message").asText())
                    .contains("retry after 1 second with a valid key");
        }
    }

    @Test
    void rateLimit_appliesBeforeScopeCheck() throws Exception {
        String key = server.keys.create("tiny", "scope probe", Tlp.AMBER).secret();
        for (int i = 0; i < 3; i++) {
            assertError(server.get("/api/v1/iocs/stix", key), 403, "insufficient_scope");
        }

        assertError(server.get("/api/v1/iocs/stix", key), 429, "rate_limited");
    }

    @Test
    void body_declaredLengthAboveLimitIs413() throws Exception {
        long before = store.count();
        String body = submission(200);
        assertThat(body.length()).isGreaterThan(BODY_LIMIT);

        HttpResponse<String> response = server.send("POST", "/api/v1/iocs", jsonHeaders(), body);

        assertError(response, 413, "body_too_large");
        assertThat(response.body()).contains(Integer.toString(BODY_LIMIT));
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void body_chunkedAboveLimitIs413() throws Exception {
        long before = store.count();
        // Just over the limit and sent whole, so the server has read all of it before it responds and the
        // connection is not reset under the response.
        String json = submission(200).substring(0, BODY_LIMIT + 64);
        String request = "POST /api/v1/iocs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n";

        String response;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.server.port()));
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            response = readUntilClosed(socket.getInputStream());
        }

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).contains("\"code\":\"body_too_large\"");
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void body_taxiiEnvelopeAboveLimitIs413() throws Exception {
        long before = store.count();
        String media = "application/taxii+json;version=2.1";
        String envelope = "{\"objects\": [], \"padding\": \"" + "p".repeat(BODY_LIMIT * 2) + "\"}";

        HttpResponse<String> response = server.send("POST", "/taxii2/api/collections/all/objects/",
                Map.of("Authorization", "Bearer " + admin, "Accept", media, "Content-Type", media), envelope);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/taxii+json"));
        assertThat(response.body()).contains("\"http_status\":\"413\"");
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void body_keyCreationAboveLimitIs413() throws Exception {
        String name = "n".repeat(BODY_LIMIT * 2);
        Map<String, String> headers = jsonHeaders();

        HttpResponse<String> response = server.send("POST", "/api/v1/keys", headers,
                "{\"plan\": \"free\", \"name\": \"" + name + "\"}");

        assertError(response, 413, "body_too_large");
    }

    /**
     * Checks that each rejected upload receives its error response instead of a TCP reset. The reset is a race,
     * so the test sends 150 requests over one client's kept-alive connections.
     */
    @Test
    void body_rejectedUploadsGetResponses() throws Exception {
        String media = "application/taxii+json;version=2.1";
        String padding = "p".repeat(256 * 1024);
        Map<String, String> taxii = Map.of("Authorization", "Bearer " + admin, "Accept", media,
                "Content-Type", media);
        Map<String, String> badKey = Map.of("Authorization", "Bearer sk_live_" + "0".repeat(40),
                "Content-Type", "application/json");

        for (int round = 0; round < 50; round++) {
            assertError(server.send("POST", "/api/v1/iocs", jsonHeaders(), "[\"" + padding + "\"]"),
                    413, "body_too_large");
            assertThat(server.send("POST", "/taxii2/api/collections/all/objects/", taxii,
                    "{\"objects\": [], \"padding\": \"" + padding + "\"}").statusCode()).isEqualTo(413);
            assertThat(server.send("POST", "/api/v1/iocs", badKey, "[\"" + padding + "\"]").statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void body_belowLimitIsAccepted() throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/v1/iocs", jsonHeaders(), submission(3));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"accepted\":3");
    }

    @Test
    void idleTimeout_closesStalledHalfRequest() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.server.port()));
            // Fails the test instead of hanging when the server never closes the connection.
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/iocs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String received = readUntilClosed(socket.getInputStream());

            assertThat(received).doesNotContain("HTTP/1.1 200");
        }
    }

    @Test
    void idleTimeout_closesStalledBody() throws Exception {
        long before = store.count();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.server.port()));
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/iocs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"value\": \"203.0.113.9\"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String received = readUntilClosed(socket.getInputStream());

            assertThat(received).doesNotContain("HTTP/1.1 200");
        }
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void idleTimeout_stalledRestBodyIs408() throws Exception {
        long before = store.count();
        for (String path : List.of("/api/v1/iocs", "/api/v1/keys")) {
            TestServer.RawResponse response = stall("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + admin + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n[{\"value\": \"203.0.113.9\"");

            assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(408);
            assertThat(response.headers().get("content-type")).as(path).startsWith("application/json");
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("code").asText()).as(path).isEqualTo("request_timeout");
            assertThat(body.path("message").asText()).as(path).contains("stopped arriving", "300 ms", "resend");
            assertThat(response.body()).as(path).doesNotContain("Exception", "java.", "jetty");
        }
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void idleTimeout_stalledTaxiiBodyIs408() throws Exception {
        long before = store.count();
        String media = "application/taxii+json;version=2.1";
        String head = "POST /taxii2/api/collections/all/objects/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + admin + "\r\nAccept: " + media + "\r\nContent-Type: " + media + "\r\n";
        List<String> requests = List.of(head + "Content-Length: 1000\r\n\r\n{\"objects\": [",
                head + "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"objects\": [   \r\n");
        for (String request : requests) {
            TestServer.RawResponse response = stall(request);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(408);
            assertThat(response.headers().get("content-type")).isEqualTo(media);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("http_status").asText()).isEqualTo("408");
            assertThat(body.path("error_code").asText()).isEqualTo("request_timeout");
            assertThat(body.path("title").asText()).isNotBlank();
            assertThat(body.path("description").asText()).contains("stopped arriving", "300 ms", "resend");
            assertThat(response.body()).doesNotContain("Exception", "java.", "jetty");
        }
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void body_endedEarlyIs400WithoutInternals() throws Exception {
        long before = store.count();
        String media = "application/taxii+json;version=2.1";
        Map<String, String> requests = Map.of(
                "/api/v1/iocs", "Content-Type: application/json\r\n",
                "/api/v1/keys", "Content-Type: application/json\r\n",
                "/taxii2/api/collections/all/objects/", "Accept: " + media + "\r\nContent-Type: " + media + "\r\n");
        for (Map.Entry<String, String> request : requests.entrySet()) {
            String text;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.server.port()));
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("POST " + request.getKey() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + admin + "\r\n" + request.getValue()
                        + "Content-Length: 1000\r\n\r\n{\"objects\": [").getBytes(StandardCharsets.US_ASCII));
                socket.shutdownOutput();
                text = readUntilClosed(socket.getInputStream());
            }

            assertThat(text).as(request.getKey()).startsWith("HTTP/1.1 400");
            assertThat(text).as(request.getKey()).contains("incomplete_body", "resend");
            assertThat(text).as(request.getKey()).doesNotContain("Exception", "EOF", "java.", "jetty");
        }
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void metrics_countRequestsByRouteTemplate() throws Exception {
        server.get("/api/v1/iocs/indicator--00000000-0000-4000-8000-000000000001", admin);
        server.send("GET", "/healthz", Map.of(), null);

        HttpResponse<String> metrics = server.send("GET", "/metrics", Map.of(), null);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body()).contains("iocd_http_requests_total{method=\"GET\",route=\"/api/v1/iocs/{id}\","
                + "status=\"404\"}");
        assertThat(metrics.body()).contains("iocd_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"}");
        assertThat(metrics.body()).contains("iocd_store_up 1");
        assertThat(metrics.body()).containsPattern("(?m)^iocd_store_iocs \\d+$");
        assertThat(metrics.body()).doesNotContain("00000000-0000-4000-8000-000000000001");
    }

    @Test
    void metrics_madeUpMethodsShareOneLabel() throws Exception {
        for (int i = 0; i < 5; i++) {
            server.send("M" + i + "X", "/healthz", Map.of(), null);
        }

        String body = server.send("GET", "/metrics", Map.of(), null).body();

        assertThat(body).doesNotContain("method=\"M0X\"").doesNotContain("method=\"M4X\"");
        assertThat(body).contains("iocd_http_requests_total{method=\"OTHER\"");
    }

    @Test
    void metrics_countMergedSubmissions() throws Exception {
        server.send("POST", "/api/v1/iocs", jsonHeaders(), "[{\"value\": \"198.51.100.250\"}, {\"value\": \"x\"}]");

        String body = server.send("GET", "/metrics", Map.of(), null).body();

        assertThat(body).containsPattern("(?m)^iocd_iocs_merged_total\\{outcome=\"new\"} [1-9]\\d*$");
        assertThat(body).containsPattern("(?m)^iocd_iocs_merged_total\\{outcome=\"rejected\"} [1-9]\\d*$");
    }

    @Test
    void logs_neverContainKeyOrAuthorizationHeader() throws Exception {
        ApiKeys.CreatedKey created = server.keys.create("admin", "logged", Tlp.AMBER);
        String secret = created.secret();
        String basic = Base64.getEncoder().encodeToString(("user:" + secret).getBytes(StandardCharsets.UTF_8));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        // Our loggers at DEBUG and every library at INFO, the shipped configuration's root level. Jetty's own
        // DEBUG output contains raw request headers, so it must never be switched on in production.
        ch.qos.logback.classic.Level previous = root.getLevel();
        Logger iocd = (Logger) LoggerFactory.getLogger("iocd");
        Logger access = (Logger) LoggerFactory.getLogger("iocd.access");
        ch.qos.logback.classic.Level previousAccess = access.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        iocd.setLevel(ch.qos.logback.classic.Level.DEBUG);
        access.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            server.send("GET", "/api/v1/iocs?api_key=" + secret + "&value=" + secret, Map.of("Authorization",
                    "Bearer " + secret), null);
            server.send("GET", "/api/v1/iocs/stix", Map.of("Authorization", "Basic " + basic), null);
            server.send("GET", "/api/v1/iocs", Map.of("X-API-Key", secret), null);
            server.send("GET", "/api/v1/iocs", Map.of("Authorization", "Bearer " + secret + "x"), null);
            server.send("GET", "/api/v1/iocs", Map.of("Authorization", "Digest " + secret), null);
            server.send("POST", "/api/v1/iocs", Map.of("Authorization", "Bearer " + secret,
                    "Content-Type", "application/json"), "{\"iocs\": [{\"value\": \"" + secret + "\"}]}");
            server.send("GET", "/api/v1/" + secret, Map.of("Authorization", "Bearer " + secret), null);
        } finally {
            root.detachAppender(captured);
            root.setLevel(previous);
            iocd.setLevel(null);
            access.setLevel(previousAccess);
        }

        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : captured.list) {
            lines.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        String secretPart = secret.substring(ApiKeys.PREFIX.length(), ApiKeys.PREFIX.length() + 16);
        assertThat(lines).anyMatch(line -> line.contains("key=" + created.record().id()));
        assertThat(lines).noneMatch(line -> line.contains(secretPart));
        assertThat(lines).noneMatch(line -> line.contains(basic));
        assertThat(lines).noneMatch(line -> line.contains("api_key="));
    }

    /** Sends the start of a request, then waits without sending more until the server responds and closes. */
    private TestServer.RawResponse stall(String partialRequest) throws Exception {
        String text;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.server.port()));
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(partialRequest.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            text = new String(readUntilClosed(socket.getInputStream()).getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8);
        }
        int headerEnd = text.indexOf("\r\n\r\n");
        assertThat(headerEnd).as("a complete response: %s", text).isPositive();
        String[] lines = text.substring(0, headerEnd).split("\r\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        return new TestServer.RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers,
                text.substring(headerEnd + 4));
    }

    private static String readUntilClosed(InputStream in) throws Exception {
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a stalled connection open for 30 s; received: " + received, e);
        } catch (java.net.SocketException e) {
            // A reset also means the server closed the connection.
            return received.toString();
        }
        return received.toString();
    }

    private Map<String, String> jsonHeaders() {
        return Map.of("Authorization", "Bearer " + admin, "Content-Type", "application/json");
    }

    private static String submission(int count) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"value\": \"203.0.113.").append(i % 250).append("\"}");
        }
        return body.append(']').toString();
    }
}
