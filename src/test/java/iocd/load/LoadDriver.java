package iocd.load;

import iocd.auth.ApiKeys;
import iocd.auth.Plan;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.store.SqliteStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for {@code scripts/load-test.sh}. Two commands:
 *
 * <ul>
 *   <li>{@code prepare DIR CLIENTS SEED_IOCS KEYS_FILE}: creates the SQLite store in DIR with SEED_IOCS domains and
 *   one enterprise key per client, written one per line to KEYS_FILE;</li>
 *   <li>{@code run BASE_URL KEYS_FILE SECONDS SUBMITTED_FILE}: one thread per key for SECONDS, each looping over a
 *   mix of bundle exports (40 %), TAXII polls (30 %) and REST submissions of 20 new domains (30 %); prints counts
 *   by operation and status and latency percentiles, writes every value a 200 submission accepted to
 *   SUBMITTED_FILE, and exits 1 on any 5xx, transport error or status other than 200 and 429.</li>
 * </ul>
 */
public final class LoadDriver {
    private static final String TAXII = "application/taxii+json;version=2.1";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final Pattern TAXII_NEXT = Pattern.compile("\"next\"\\s*:\\s*\"([^\"]+)\"");
    private static final String[] TYPES = {"", "domain", "ipv4", "url", "sha256"};
    private static final int SUBMISSION_SIZE = 20;

    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final LongAdder bytesRead = new LongAdder();

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "prepare" -> prepare(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Path.of(args[4]));
            case "run" -> System.exit(new LoadDriver().run(args[1], Files.readAllLines(Path.of(args[2])),
                    Duration.ofSeconds(Long.parseLong(args[3])), Path.of(args[4])));
            default -> throw new IllegalArgumentException("unknown command " + args[0] + "; use prepare or run");
        }
    }

    private static void prepare(Path dir, int clients, int seedIocs, Path keysFile) throws IOException {
        try (SqliteStore store = SqliteStore.open(dir.resolve("iocd.db"), Clock.systemUTC())) {
            List<Ioc> batch = new ArrayList<>();
            for (int i = 0; i < seedIocs; i++) {
                batch.add(seed(i));
                if (batch.size() == 1000) {
                    store.merge(List.copyOf(batch));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                store.merge(batch);
            }
            ApiKeys keys = new ApiKeys(store, Plan.defaults(), Clock.systemUTC());
            List<String> secrets = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                secrets.add(keys.create("enterprise", "load client " + i, Tlp.AMBER).secret());
            }
            Files.write(keysFile, secrets);
            System.out.println("prepared " + store.count() + " IOCs and " + clients + " keys");
        }
    }

    private static Ioc seed(int i) {
        return switch (i % 4) {
            case 0 -> Ioc.builder(IocType.DOMAIN, "seed" + i + ".load.example.org").confidence(80).build();
            case 1 -> Ioc.builder(IocType.IPV4, "198.51." + (i / 256 % 256) + "." + (i % 256)).confidence(60).build();
            case 2 -> Ioc.builder(IocType.URL, "http://seed" + i + ".example.org/path?q=" + i).build();
            default -> Ioc.builder(IocType.SHA256, String.format(Locale.ROOT, "%064x", i + 1L)).build();
        };
    }

    private int run(String base, List<String> keys, Duration duration, Path submittedFile) throws Exception {
        Instant end = Instant.now().plus(duration);
        CountDownLatch done = new CountDownLatch(keys.size());
        for (int client = 0; client < keys.size(); client++) {
            int id = client;
            Thread.ofPlatform().name("load-" + id).start(() -> {
                try {
                    clientLoop(base, keys.get(id), id, end);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        Files.write(submittedFile, accepted);
        return report(duration);
    }

    private void clientLoop(String base, String key, int id, Instant end) {
        SplittableRandom random = new SplittableRandom(id);
        String taxiiAfter = "2000-01-01T00:00:00Z";
        int submission = 0;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            while (Instant.now().isBefore(end)) {
                int pick = random.nextInt(10);
                try {
                    if (pick < 4) {
                        bundle(http, base, key, random);
                    } else if (pick < 7) {
                        taxiiPoll(http, base, key, taxiiAfter);
                    } else {
                        submit(http, base, key, id, submission++);
                    }
                } catch (IOException e) {
                    count("transport", "error");
                    if (errors.size() < 20) {
                        errors.add(e.toString());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void bundle(HttpClient http, String base, String key, SplittableRandom random)
            throws IOException, InterruptedException {
        String type = TYPES[random.nextInt(TYPES.length)];
        String url = base + "/api/v1/iocs/stix?limit=500" + (type.isEmpty() ? "" : "&type=" + type);
        HttpResponse<InputStream> response = send(http, "bundle", HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key).build());
        String link = response.headers().firstValue("Link").orElse(null);
        if (link != null && random.nextBoolean()) {
            Matcher next = NEXT.matcher(link);
            if (next.find()) {
                send(http, "bundle-next", HttpRequest.newBuilder(URI.create(next.group(1)))
                        .header("Authorization", "Bearer " + key).build());
            }
        }
    }

    private void taxiiPoll(HttpClient http, String base, String key, String after)
            throws IOException, InterruptedException {
        String url = base + "/taxii2/api/collections/all/objects/?limit=200&added_after="
                + URLEncoder.encode(after, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Accept", TAXII).build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        record("taxii", response.statusCode(), System.nanoTime() - started, response.body().length());
        Matcher next = TAXII_NEXT.matcher(response.body());
        if (response.statusCode() == 200 && next.find()) {
            send(http, "taxii-next", HttpRequest.newBuilder(URI.create(url + "&next="
                    + URLEncoder.encode(next.group(1), StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + key).header("Accept", TAXII).build());
        }
    }

    private void submit(HttpClient http, String base, String key, int client, int submission)
            throws IOException, InterruptedException {
        List<String> values = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < SUBMISSION_SIZE; i++) {
            String value = "c" + client + "-s" + submission + "-" + i + ".load.example.com";
            values.add(value);
            body.append(i == 0 ? "" : ",").append("{\"value\":\"").append(value).append("\",\"confidence\":75}");
        }
        body.append(']');
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/iocs"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        record("submit", response.statusCode(), System.nanoTime() - started, response.body().length());
        if (response.statusCode() == 200) {
            accepted.addAll(values);
        }
    }

    private HttpResponse<InputStream> send(HttpClient http, String operation, HttpRequest request)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long length;
        try (InputStream body = response.body()) {
            length = body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        record(operation, response.statusCode(), System.nanoTime() - started, length);
        return response;
    }

    private void record(String operation, int status, long nanos, long length) {
        count(operation, Integer.toString(status));
        latencies.computeIfAbsent(operation, o -> new ConcurrentLinkedQueue<>()).add(nanos);
        bytesRead.add(length);
    }

    private void count(String operation, String status) {
        statuses.computeIfAbsent(operation + " " + status, k -> new LongAdder()).increment();
    }

    private int report(Duration duration) {
        long total = 0;
        long serverErrors = 0;
        long unexpected = 0;
        System.out.println("requests by operation and status:");
        for (Map.Entry<String, LongAdder> entry : new TreeMap<>(statuses).entrySet()) {
            long n = entry.getValue().sum();
            total += n;
            String status = entry.getKey().substring(entry.getKey().indexOf(' ') + 1);
            if (status.startsWith("5") || status.equals("error")) {
                serverErrors += n;
            } else if (!status.equals("200") && !status.equals("429")) {
                unexpected += n;
            }
            System.out.printf(Locale.ROOT, "  %-18s %8d%n", entry.getKey(), n);
        }
        System.out.printf(Locale.ROOT, "total %d requests in %d s: %.0f requests/s, %.1f MB read%n", total,
                duration.toSeconds(), total / (double) duration.toSeconds(), bytesRead.sum() / 1e6);
        System.out.println("latency in ms (p50 / p95 / p99 / max):");
        for (Map.Entry<String, ConcurrentLinkedQueue<Long>> entry : new TreeMap<>(latencies).entrySet()) {
            long[] sorted = entry.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-12s %7.1f %7.1f %7.1f %7.1f%n", entry.getKey(),
                    percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
                    sorted[sorted.length - 1] / 1e6);
        }
        System.out.println("submitted_values=" + accepted.size());
        System.out.println("server_errors=" + serverErrors);
        System.out.println("unexpected_statuses=" + unexpected);
        errors.forEach(error -> System.out.println("transport error: " + error));
        return serverErrors == 0 && unexpected == 0 ? 0 : 1;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

    static String describe(long[] values) {
        return Arrays.toString(values);
    }
}
