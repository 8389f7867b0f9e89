package iocd.taxii;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import iocd.auth.ApiKeys;
import iocd.auth.Plan;
import iocd.auth.Scope;
import iocd.http.IocdServer;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Normalizer;
import iocd.ioc.Tlp;
import iocd.stix.RenderSettings;
import iocd.stix.StixRenderer;
import iocd.store.SqliteStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures TAXII polling throughput: fills a fresh SQLite store with N IOCs (default 100,000) through
 * {@code IocStore.merge}, starts the server on a free loopback port, and polls the all-types collection with
 * {@code limit=1000} until {@code more} is false, printing objects per second and the page count. Not a test: after
 * {@code mvn test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}, run
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) iocd.taxii.TaxiiPollBenchmark [N]}.
 */
public final class TaxiiPollBenchmark {
    private static final int BATCH = 5_000;
    private static final JsonFactory JSON = new JsonFactory();

    private TaxiiPollBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("iocd-taxii-bench");
        Clock clock = Clock.systemUTC();
        try (SqliteStore store = SqliteStore.open(dir.resolve("iocd.db"), clock)) {
            long fillStart = System.nanoTime();
            fill(store, count);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            System.out.printf(Locale.ROOT, "filled %,d IOCs in %.1f s (%,.0f IOCs/s)%n", count, fillSeconds,
                    count / fillSeconds);

            Plan bench = new Plan("bench", EnumSet.of(Scope.READ_TAXII), Duration.ofDays(365), 1_000_000);
            ApiKeys keys = new ApiKeys(store, Map.of("bench", bench), clock);
            String key = keys.create("bench", "benchmark", Tlp.RED).secret();
            StixRenderer renderer = new StixRenderer(RenderSettings.defaults(
                    "identity--4f6c1a52-8f8e-4c55-9a43-0c1a2b3c4d5e", Instant.parse("2026-01-01T00:00:00Z")));
            IocdServer server = new IocdServer(store, keys, renderer, clock, 70, 10 << 20).start("127.0.0.1", 0);
            try {
                poll("http://127.0.0.1:" + server.port() + "/taxii2/api/collections/all/objects/", key);
            } finally {
                server.stop();
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void fill(SqliteStore store, int count) {
        List<Ioc> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < count; i++) {
            batch.add(ioc(i));
            if (batch.size() == BATCH) {
                store.merge(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.merge(batch);
        }
    }

    // A mix of types: addresses in the IPv6 documentation range, names under example.com, URLs under example.org
    // and hashes of the counter.
    private static Ioc ioc(int i) {
        return switch (i % 4) {
            case 0 -> Ioc.builder(Normalizer.normalize(IocType.IPV6, String.format(Locale.ROOT, "2001:db8::%x:%x",
                    i >> 16, i & 0xffff))).confidence(80).tags(List.of("bench")).build();
            case 1 -> Ioc.builder(IocType.DOMAIN, "host" + i + ".example.com").confidence(60).build();
            case 2 -> Ioc.builder(IocType.SHA256, sha256(i)).confidence(90).build();
            default -> Ioc.builder(IocType.URL, "http://example.org/path/" + i).confidence(75).build();
        };
    }

    private static String sha256(int i) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void poll(String objectsUrl, String key) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String auth = TaxiiServer.basic(key);
        long objects = 0;
        long bytes = 0;
        int pages = 0;
        String next = null;
        long start = System.nanoTime();
        do {
            String url = objectsUrl + "?limit=1000" + (next == null ? "" : "&next=" + next);
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", auth).header("Accept", TaxiiServer.TAXII).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("page " + pages + " answered " + response.statusCode());
            }
            Envelope envelope = read(response.body());
            objects += envelope.objects();
            bytes += response.body().length;
            pages++;
            next = envelope.next();
        } while (next != null);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "polled %,d objects in %,d pages, %.2f s: %,.0f objects/s, %.1f MB/s%n",
                objects, pages, seconds, objects / seconds, bytes / seconds / 1e6);
    }

    /** Counts the envelope's objects and reads {@code next} without building a tree. */
    private static Envelope read(byte[] body) throws IOException {
        int objects = 0;
        String next = null;
        try (InputStream in = new java.io.ByteArrayInputStream(body); JsonParser parser = JSON.createParser(in)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("next")) {
                    next = parser.getText();
                } else if (field.equals("objects") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        objects++;
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return new Envelope(objects, next);
    }

    private record Envelope(int objects, String next) {
    }
}
