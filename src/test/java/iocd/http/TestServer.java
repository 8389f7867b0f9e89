package iocd.http;

import iocd.MutableClock;
import iocd.auth.ApiKeys;
import iocd.auth.Plan;
import iocd.stix.RenderSettings;
import iocd.stix.StixRenderer;
import iocd.store.IocStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** A real iocd server on 127.0.0.1 and a free port, over a store the test opened, with a plain HTTP client. */
final class TestServer implements AutoCloseable {
    static final String IDENTITY_ID = "identity--4f6c1a52-8f8e-4c55-9a43-0c1a2b3c4d5e";

    final IocStore store;
    final ApiKeys keys;
    final IocdServer server;
    final HttpClient http = HttpClient.newHttpClient();

    TestServer(IocStore store, MutableClock clock, Map<String, Plan> plans, ServerLimits limits) {
        this.store = store;
        this.keys = new ApiKeys(store, plans, clock);
        StixRenderer renderer = new StixRenderer(new RenderSettings("SOC Defenders", IDENTITY_ID,
                Instant.parse("2026-01-01T00:00:00Z"), 70));
        this.server = new IocdServer(store, keys, renderer, clock, 70, limits).start("127.0.0.1", 0);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    HttpResponse<String> send(String method, String pathAndQuery, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery));
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String pathAndQuery, String key) throws IOException, InterruptedException {
        return send("GET", pathAndQuery, Map.of("Authorization", "Bearer " + key), null);
    }

    @Override
    public void close() {
        server.stop();
        http.close();
    }
}
