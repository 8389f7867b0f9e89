package iocd.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Full poll of one TAXII 2.1 collection, the way a polling client does its first sync: {@code GET .../objects/}
 * with {@code limit}, then the {@code next} token of each envelope until {@code more} is false. It counts the
 * objects while it streams each envelope (nothing is kept) and reports objects per second from the first request
 * to the end of the last body, with per-page latency percentiles.
 *
 * <p>Usage: {@code TaxiiPollDriver --url http://127.0.0.1:PORT --keys FILE [--collection UUID] [--limit 1000]
 * [--max-pages 2000] [--seconds 600] [--polls 1]}. Only loopback URLs are accepted; the key goes as HTTP Basic
 * password, as TAXII clients send it. Prints one {@code RESULT} line per poll.
 */
public final class TaxiiPollDriver {
    /** The "all types" collection's fixed id. */
    static final String ALL_COLLECTION = "4ee15d6b-3608-4119-a5b4-a0c049b6fb01";
    private static final String ACCEPT = "application/taxii+json;version=2.1";
    private static final JsonFactory JSON = new JsonFactory();

    private TaxiiPollDriver() {
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        Path keys = null;
        String collection = ALL_COLLECTION;
        int limit = 1_000;
        int maxPages = 2_000;
        int seconds = 600;
        int polls = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--url" -> url = value.replaceAll("/+$", "");
                case "--keys" -> keys = Path.of(value);
                case "--collection" -> collection = value;
                case "--limit" -> limit = Integer.parseInt(value);
                case "--max-pages" -> maxPages = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--polls" -> polls = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || keys == null) {
            throw new IllegalArgumentException("usage: TaxiiPollDriver --url http://127.0.0.1:PORT --keys FILE "
                    + "[--collection UUID] [--limit N] [--max-pages N] [--seconds S] [--polls N]");
        }
        BundleLoadDriver.requireLoopback(url);
        List<String> secrets = Files.readAllLines(keys).stream().filter(k -> !k.isBlank()).toList();
        String authorization = "Basic " + Base64.getEncoder().encodeToString(
                ("bench:" + secrets.get(0)).getBytes(StandardCharsets.UTF_8));
        String first = url + "/taxii2/api/collections/" + collection + "/objects/?limit=" + limit;
        for (int poll = 1; poll <= polls; poll++) {
            poll(poll, first, authorization, maxPages, seconds);
        }
    }

    private static void poll(int poll, String first, String authorization, int maxPages, int seconds)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long[] latencies = new long[maxPages];
        long objects = 0;
        long bytes = 0;
        int pages = 0;
        String url = first;
        boolean more = true;
        long started = System.nanoTime();
        while (more && pages < maxPages && System.nanoTime() < deadline) {
            BundleLoadDriver.requireLoopback(url);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                    .header("Accept", ACCEPT).timeout(Duration.ofSeconds(60)).GET().build();
            long sent = System.nanoTime();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            Envelope envelope;
            try (CountingStream body = new CountingStream(response.body())) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + url + " returned " + response.statusCode() + ": "
                            + new String(body.readAllBytes(), StandardCharsets.UTF_8));
                }
                envelope = read(body);
                bytes += body.count;
            }
            latencies[pages++] = System.nanoTime() - sent;
            objects += envelope.objects();
            more = envelope.more();
            url = more ? first + "&next=" + URLEncoder.encode(envelope.next(), StandardCharsets.UTF_8) : null;
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] sorted = Arrays.copyOf(latencies, pages);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "RESULT scenario=taxii poll=%d complete=%s pages=%d objects=%d seconds=%.1f "
                        + "objects_per_second=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f mb_per_s=%.1f%n",
                poll, !more, pages, objects, elapsed, objects / elapsed, BundleLoadDriver.percentile(sorted, 50),
                BundleLoadDriver.percentile(sorted, 99), BundleLoadDriver.percentile(sorted, 100),
                bytes / elapsed / 1e6);
    }

    private record Envelope(long objects, boolean more, String next) {
    }

    /** Streams one envelope, counting the elements of {@code objects} without building them. */
    private static Envelope read(InputStream body) throws IOException {
        long objects = 0;
        boolean more = false;
        String next = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("the response is not a TAXII envelope");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "objects" -> {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            parser.skipChildren();
                            objects++;
                        }
                    }
                    case "more" -> more = value == JsonToken.VALUE_TRUE;
                    case "next" -> next = parser.getText();
                    default -> parser.skipChildren();
                }
            }
        }
        if (more && next == null) {
            throw new IllegalStateException("the envelope says more but carries no next token");
        }
        return new Envelope(objects, more, next);
    }

    /** Counts the bytes read through it, for the transfer rate. */
    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
