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

    /** A response read off a raw socket; header names are lower case. */
    record RawResponse(int statusCode, Map<String, String> headers, String body) {
    }

    /**
     * Sends {@code target} exactly as given, for request lines {@link java.net.URI} refuses (a lone {@code %},
     * invalid escapes), over a fresh connection with {@code Connection: close}.
     */
    RawResponse raw(String method, String target, Map<String, String> headers) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        return raw(request.toString());
    }

    /**
     * Sends {@code request}, request line and headers as given, each character as one ISO-8859-1 byte, and reads
     * the response until the server closes the connection.
     */
    RawResponse raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headerEnd = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, headerEnd).split("\r\n");
            Map<String, String> responseHeaders = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                responseHeaders.put(lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            String body = text.substring(headerEnd + 4);
            if ("chunked".equalsIgnoreCase(responseHeaders.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), responseHeaders, body);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    @Override
    public void close() {
        server.stop();
        http.close();
    }
}
