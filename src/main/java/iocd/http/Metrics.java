package iocd.http;

import iocd.store.IocStore;
import iocd.store.MergeResult;
import iocd.store.StoreUnavailableException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Server metrics in the Prometheus text exposition format (version 0.0.4), served at {@code GET /metrics}.
 * Hand-written rather than a metrics library because iocd exposes a handful of series and needs no other
 * registry features. Thread-safe.
 *
 * <p>Series: {@code iocd_http_requests_total{method,route,status}}, {@code iocd_http_request_duration_seconds}
 * (histogram per route), {@code iocd_iocs_merged_total{outcome}} (IOCs merged through the server, including
 * rejected submissions), {@code iocd_store_iocs} and {@code iocd_store_up}. Labels use the route template
 * ({@code /api/v1/iocs/{id}}), never the request path, so ids cannot blow up the series count.
 */
public final class Metrics {
    private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS",
            "PATCH", "TRACE", "CONNECT");
    /** Upper bounds of the latency buckets, in seconds. */
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final ConcurrentMap<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Histogram> latency = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> merged = new ConcurrentHashMap<>();

    private record RequestKey(String method, String route, int status) {
    }

    /** Counts one finished request. */
    void recordRequest(String method, String route, int status, double seconds) {
        // Any client can send a made-up method name; each one would become a new series.
        String label = STANDARD_METHODS.contains(method) ? method : "OTHER";
        requests.computeIfAbsent(new RequestKey(label, route, status), k -> new LongAdder()).increment();
        latency.computeIfAbsent(route, r -> new Histogram()).observe(seconds);
    }

    /** Counts the outcome of a merge and the values rejected before it. */
    public void recordMerge(MergeResult result, long rejected) {
        for (MergeResult.Outcome outcome : MergeResult.Outcome.values()) {
            long n = result.count(outcome);
            if (n > 0) {
                merged.computeIfAbsent(outcome.name().toLowerCase(Locale.ROOT), o -> new LongAdder()).add(n);
            }
        }
        if (rejected > 0) {
            merged.computeIfAbsent("rejected", o -> new LongAdder()).add(rejected);
        }
    }

    /** Writes every series; the store size is read now, and a store that does not answer gives {@code up 0}. */
    String scrape(IocStore store) {
        StringBuilder out = new StringBuilder(4096);
        writeRequests(out);
        writeLatency(out);
        writeMerged(out);
        writeStore(out, store);
        return out.toString();
    }

    private void writeRequests(StringBuilder out) {
        out.append("# HELP iocd_http_requests_total HTTP requests by method, route template and status.\n");
        out.append("# TYPE iocd_http_requests_total counter\n");
        Map<String, Long> lines = new TreeMap<>();
        requests.forEach((key, count) -> lines.put(String.format(Locale.ROOT,
                "iocd_http_requests_total{method=\"%s\",route=\"%s\",status=\"%d\"}", label(key.method()),
                label(key.route()), key.status()), count.sum()));
        lines.forEach((series, value) -> out.append(series).append(' ').append(value).append('\n'));
    }

    private void writeLatency(StringBuilder out) {
        out.append("# HELP iocd_http_request_duration_seconds Time to serve a request, by route template.\n");
        out.append("# TYPE iocd_http_request_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((route, histogram) -> histogram.write(out, label(route)));
    }

    private void writeMerged(StringBuilder out) {
        out.append("# HELP iocd_iocs_merged_total IOCs submitted through this server, by merge outcome.\n");
        out.append("# TYPE iocd_iocs_merged_total counter\n");
        new TreeMap<>(merged).forEach((outcome, count) -> out.append("iocd_iocs_merged_total{outcome=\"")
                .append(outcome).append("\"} ").append(count.sum()).append('\n'));
    }

    private static void writeStore(StringBuilder out, IocStore store) {
        long count;
        try {
            count = store.count();
        } catch (StoreUnavailableException e) {
            count = -1;
        }
        out.append("# HELP iocd_store_up 1 when the store answered the last scrape, 0 otherwise.\n");
        out.append("# TYPE iocd_store_up gauge\n");
        out.append("iocd_store_up ").append(count < 0 ? 0 : 1).append('\n');
        if (count >= 0) {
            out.append("# HELP iocd_store_iocs IOCs stored (current versions, revoked ones included).\n");
            out.append("# TYPE iocd_store_iocs gauge\n");
            out.append("iocd_store_iocs ").append(count).append('\n');
        }
    }

    /** Escapes a label value as the exposition format requires. */
    static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static final class Histogram {
        private final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        private final LongAdder count = new LongAdder();
        private final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            count.increment();
            sum.add(seconds);
        }

        /** Buckets are stored per interval and written cumulatively, as Prometheus expects. */
        void write(StringBuilder out, String route) {
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += buckets[i].sum();
                out.append(String.format(Locale.ROOT,
                        "iocd_http_request_duration_seconds_bucket{route=\"%s\",le=\"%s\"} %d\n", route,
                        Double.toString(BUCKETS[i]), cumulative));
            }
            out.append(String.format(Locale.ROOT,
                    "iocd_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %d\n", route, count.sum()));
            out.append(String.format(Locale.ROOT, "iocd_http_request_duration_seconds_sum{route=\"%s\"} %s\n", route,
                    Double.toString(sum.sum())));
            out.append(String.format(Locale.ROOT, "iocd_http_request_duration_seconds_count{route=\"%s\"} %d\n",
                    route, count.sum()));
        }
    }
}
