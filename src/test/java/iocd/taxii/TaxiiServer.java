package iocd.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import iocd.MutableClock;
import iocd.auth.ApiKeys;
import iocd.auth.Plan;
import iocd.auth.Scope;
import iocd.http.IocdServer;
import iocd.ioc.Tlp;
import iocd.stix.RenderSettings;
import iocd.stix.StixRenderer;
import iocd.store.SqliteStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * A real iocd server on a free port over a real SQLite file, with one key per access level, and a small HTTP client
 * that speaks TAXII like taxii2-client does (Basic auth, the TAXII Accept header).
 */
final class TaxiiServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TAXII = "application/taxii+json;version=2.1";
    static final String IDENTITY_ID = "identity--4f6c1a52-8f8e-4c55-9a43-0c1a2b3c4d5e";
    static final long MAX_BODY = 64 * 1024;

    final MutableClock clock;
    final SqliteStore store;
    final IocdServer server;
    final String base;
    /** read:taxii, TLP:AMBER clearance, 90-day lookback. */
    final String reader;
    /** read:taxii only up to TLP:CLEAR. */
    final String clearReader;
    /** read:taxii and write:iocs, TLP:RED clearance. */
    final String writer;
    /** read:taxii and write:iocs, TLP:AMBER clearance. */
    final String amberWriter;
    /** write:iocs without read:taxii. */
    final String writeOnly;
    /** read:iocs only: no TAXII at all. */
    final String free;
    private final HttpClient http = HttpClient.newHttpClient();

    TaxiiServer(Path dir, Instant now) {
        clock = new MutableClock(now);
        store = SqliteStore.open(dir.resolve("iocd.db"), clock);
        Map<String, Plan> plans = new HashMap<>(Plan.defaults());
        plans.put("reader", new Plan("reader", EnumSet.of(Scope.READ_TAXII), Duration.ofDays(90), 1_000_000));
        plans.put("writer", new Plan("writer", EnumSet.of(Scope.WRITE_IOCS), Duration.ofDays(30), 1_000_000));
        plans.put("poller", new Plan("poller", EnumSet.of(Scope.READ_TAXII, Scope.WRITE_IOCS), Duration.ofDays(90),
                1_000_000));
        ApiKeys keys = new ApiKeys(store, plans, clock);
        reader = keys.create("reader", "reader", Tlp.AMBER).secret();
        clearReader = keys.create("reader", "clear", Tlp.CLEAR).secret();
        writer = keys.create("poller", "writer", Tlp.RED).secret();
        amberWriter = keys.create("poller", "amber writer", Tlp.AMBER).secret();
        writeOnly = keys.create("writer", "write only", Tlp.RED).secret();
        free = keys.create("free", "free", Tlp.RED).secret();
        StixRenderer renderer = new StixRenderer(new RenderSettings("SOC Defenders", IDENTITY_ID,
                Instant.parse("2026-01-01T00:00:00Z"), 70));
        server = new IocdServer(store, keys, renderer, clock, 70, MAX_BODY).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString(("taxii-user:" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** GET with Basic auth and the TAXII Accept header. */
    HttpResponse<String> get(String path, String key) {
        return send(request(path).header("Authorization", basic(key)).header("Accept", TAXII).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path.replace("[", "%5B").replace("]", "%5D"))).timeout(Duration.ofSeconds(60));
    }

    /** POSTs an envelope as taxii2-client does. */
    HttpResponse<String> post(String path, String key, String body) {
        return send(request(path).header("Authorization", basic(key)).header("Accept", TAXII)
                .header("Content-Type", TAXII).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.stop();
        store.close();
    }
}
