package iocd.bench;

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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for {@code GET /api/v1/iocs/stix}: a fixed number of client threads, each with its own
 * {@link HttpClient} (one keep-alive HTTP/1.1 connection per client), send requests back to back and record the
 * time from sending the request to reading the last byte of the body.
 *
 * <p>Which pages: every client starts a walk at a random {@code since} drawn uniformly between the oldest and the
 * newest {@code modified} in the store, then follows the {@code Link: rel="next"} URL for up to
 * {@code --walk} pages before it draws a new start. So requests spread over the whole store instead of repeating
 * the first page, and both request shapes clients send (a time filter, a cursor) are measured. The newest
 * {@code modified} is found by bisection over {@code since} before the run.
 *
 * <p>Bounded: each level stops after {@code --requests} requests or {@code --seconds} seconds, whichever comes
 * first. Only loopback URLs are accepted. Requests are spread round-robin over the keys in {@code --keys}, because
 * the server's rate limit applies per key.
 *
 * <p>Usage: {@code BundleLoadDriver --url http://127.0.0.1:PORT --keys FILE [--clients 1,8,32] [--requests 2000]
 * [--seconds 30] [--warmup-seconds 10] [--limit 1000] [--walk 5] [--seed 1]}. Prints one {@code RESULT} line
 * per level.
 */
public final class BundleLoadDriver {
    private static final String PATH = "/api/v1/iocs/stix";
    private static final String ACCEPT = "application/stix+json;version=2.1";
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final Pattern MODIFIED = Pattern.compile("\"modified\"\\s*:\\s*\"([^\"]+)\"");

    private final Options options;
    private final List<String> keys;
    private final AtomicLong keyTurn = new AtomicLong();
    private Instant oldest = Instant.EPOCH;
    private long spanMillis;

    private BundleLoadDriver(Options options, List<String> keys) {
        this.options = options;
        this.keys = keys;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<String> keys = Files.readAllLines(options.keys()).stream().filter(k -> !k.isBlank()).toList();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no keys in " + options.keys());
        }
        BundleLoadDriver driver = new BundleLoadDriver(options, keys);
        driver.discoverRange();
        if (options.warmupSeconds() > 0) {
            driver.runLevel(Arrays.stream(options.clients()).max().orElse(1), Integer.MAX_VALUE,
                    options.warmupSeconds(), "warmup");
        }
        for (int clients : options.clients()) {
            driver.runLevel(clients, options.requests(), options.seconds(), "measure");
        }
    }

    /** Finds the oldest and newest {@code modified} in the store, the range random starts are drawn from. */
    private void discoverRange() throws IOException, InterruptedException {
        HttpClient client = newClient();
        oldest = firstModified(client, Instant.EPOCH).orElseThrow(() ->
                new IllegalStateException("the store is empty; import the benchmark file first"));
        Instant low = oldest;
        Instant high = Instant.now().plus(1, ChronoUnit.DAYS);
        // Invariant: some object has modified >= low, none has modified >= high.
        while (Duration.between(low, high).toMillis() > 1) {
            Instant middle = low.plusMillis(Duration.between(low, high).toMillis() / 2);
            if (firstModified(client, middle).isPresent()) {
                low = middle;
            } else {
                high = middle;
            }
        }
        spanMillis = Duration.between(oldest, low).toMillis();
        System.out.printf(Locale.ROOT, "store range: modified %s .. %s%n", oldest, low);
    }

    private Optional<Instant> firstModified(HttpClient client, Instant since) throws IOException, InterruptedException {
        String url = options.url() + PATH + "?format=objects&include_identity=false&include_markings=false&limit=1"
                + "&since=" + encode(since.toString());
        HttpResponse<String> response = client.send(request(url), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " returned " + response.statusCode() + ": "
                    + response.body());
        }
        Matcher matcher = MODIFIED.matcher(response.body());
        return matcher.find() ? Optional.of(Instant.parse(matcher.group(1))) : Optional.empty();
    }

    private void runLevel(int clients, int maxRequests, int maxSeconds, String phase) throws InterruptedException {
        AtomicLong budget = new AtomicLong(maxRequests);
        long deadline = System.nanoTime() + Duration.ofSeconds(maxSeconds).toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(new Worker(new SplittableRandom(options.seed() * 1_000 + i), budget, deadline));
        }
        long started = System.nanoTime();
        List<Thread> threads = workers.stream().map(w -> Thread.ofPlatform().name("load-" + w.hashCode()).start(w))
                .toList();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        report(phase, clients, seconds, workers);
    }

    private void report(String phase, int clients, double seconds, List<Worker> workers) {
        long[] latencies = workers.stream().flatMapToLong(w -> Arrays.stream(w.latencies, 0, w.count)).sorted()
                .toArray();
        long errors = workers.stream().mapToLong(w -> w.errors).sum();
        long bytes = workers.stream().mapToLong(w -> w.bytes).sum();
        long cursorRequests = workers.stream().mapToLong(w -> w.cursorRequests).sum();
        String firstError = workers.stream().map(w -> w.firstError).filter(e -> e != null).findFirst().orElse("-");
        System.out.printf(Locale.ROOT, "RESULT scenario=bundle phase=%s clients=%d requests=%d errors=%d "
                        + "seconds=%.1f rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f mb_per_s=%.1f "
                        + "avg_kb=%.0f via_cursor=%d first_error=%s%n",
                phase, clients, latencies.length, errors, seconds, latencies.length / seconds,
                percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
                percentile(latencies, 100), bytes / seconds / 1e6,
                latencies.length == 0 ? 0.0 : bytes / 1024.0 / latencies.length, cursorRequests,
                firstError.replace(' ', '_'));
    }

    static double percentile(long[] sortedNanos, int percent) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }

    /** One client: a connection of its own and a walk over the store's pages. */
    private final class Worker implements Runnable {
        private final SplittableRandom random;
        private final AtomicLong budget;
        private final long deadline;
        private final HttpClient client = newClient();
        private final byte[] buffer = new byte[64 * 1024];
        private long[] latencies = new long[1024];
        private int count;
        private long errors;
        private long bytes;
        private long cursorRequests;
        private String firstError;

        Worker(SplittableRandom random, AtomicLong budget, long deadline) {
            this.random = random;
            this.budget = budget;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            String next = null;
            int walked = 0;
            while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                if (next == null || walked >= options.walk()) {
                    next = randomStart();
                    walked = 0;
                } else {
                    cursorRequests++;
                }
                next = fetch(next);
                walked++;
            }
        }

        private String randomStart() {
            Instant since = oldest.plusMillis(spanMillis <= 0 ? 0 : random.nextLong(spanMillis + 1));
            return options.url() + PATH + "?limit=" + options.limit() + "&since=" + encode(since.toString());
        }

        /** Sends one request and returns the next page's URL, or null at the end. */
        private String fetch(String url) {
            long started = System.nanoTime();
            try {
                HttpResponse<InputStream> response = client.send(request(url),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                        bytes += n;
                    }
                }
                long elapsed = System.nanoTime() - started;
                if (response.statusCode() != 200) {
                    error("HTTP " + response.statusCode());
                    return null;
                }
                record(elapsed);
                return response.headers().firstValue("Link").map(NEXT_LINK::matcher)
                        .filter(Matcher::find).map(m -> m.group(1)).orElse(null);
            } catch (IOException e) {
                error(e.toString());
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error("interrupted");
                return null;
            }
        }

        private void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        private void error(String what) {
            errors++;
            if (firstError == null) {
                firstError = what;
            }
        }
    }

    private HttpRequest request(String url) {
        requireLoopback(url);
        String key = keys.get((int) (keyTurn.getAndIncrement() % keys.size()));
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key)
                .header("Accept", ACCEPT)
                .timeout(Duration.ofSeconds(60))
                .GET().build();
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Rejects any URL that does not point at the loopback interface, including Link URLs from the server. */
    static void requireLoopback(String url) {
        String host = URI.create(url).getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host) && !"[::1]".equals(host)) {
            throw new IllegalArgumentException("the load driver only talks to 127.0.0.1, not to " + url);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Command-line options; see the class comment. */
    record Options(String url, Path keys, int[] clients, int requests, int seconds, int warmupSeconds, int limit,
            int walk, long seed) {

        static Options parse(String[] args) {
            String url = null;
            Path keys = null;
            int[] clients = {1, 8, 32};
            int requests = 2_000;
            int seconds = 30;
            int warmup = 10;
            int limit = 1_000;
            int walk = 5;
            long seed = 1;
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--url" -> url = value.replaceAll("/+$", "");
                    case "--keys" -> keys = Path.of(value);
                    case "--clients" -> clients = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--requests" -> requests = Integer.parseInt(value);
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--warmup-seconds" -> warmup = Integer.parseInt(value);
                    case "--limit" -> limit = Integer.parseInt(value);
                    case "--walk" -> walk = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (url == null || keys == null) {
                throw new IllegalArgumentException("usage: BundleLoadDriver --url http://127.0.0.1:PORT --keys FILE "
                        + "[--clients 1,8,32] [--requests N] [--seconds S] [--warmup-seconds S] [--limit N] "
                        + "[--walk PAGES] [--seed N]");
            }
            requireLoopback(url);
            return new Options(url, keys, clients, requests, seconds, warmup, limit, walk, seed);
        }
    }
}
