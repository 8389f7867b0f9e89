package iocd.auth;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token bucket per key: a bucket holds up to the plan's requests per minute and refills at that rate.
 * Thread-safe.
 *
 * <p>NOTE: buckets live in this JVM's memory, so with several iocd nodes each node enforces the limit on its own
 * share of the traffic; a shared counter store is not built yet.
 */
public final class RateLimiter {
    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Outcome of one request.
     *
     * @param allowed          whether the request may proceed
     * @param limit            bucket size (the plan's requests per minute)
     * @param remaining        whole tokens left after this request
     * @param resetSeconds     seconds until the bucket is full again
     * @param retryAfterSeconds seconds until one token is available; 0 when allowed
     */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
    }

    public Decision acquire(String keyId, int requestsPerMinute) {
        Bucket bucket = buckets.computeIfAbsent(keyId, id -> new Bucket(requestsPerMinute, clock.millis()));
        return bucket.take(requestsPerMinute, clock.millis());
    }

    private static final class Bucket {
        private double tokens;
        private long updatedMillis;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updatedMillis = now;
        }

        synchronized Decision take(int capacity, long now) {
            double perMilli = capacity / 60_000.0;
            tokens = Math.min(capacity, tokens + Math.max(0, now - updatedMillis) * perMilli);
            updatedMillis = now;
            boolean allowed = tokens >= 1.0;
            if (allowed) {
                tokens -= 1.0;
            }
            long reset = (long) Math.ceil((capacity - tokens) / perMilli / 1000.0);
            long retry = allowed ? 0 : (long) Math.ceil((1.0 - tokens) / perMilli / 1000.0);
            return new Decision(allowed, capacity, (int) Math.floor(tokens), reset, Math.max(retry, allowed ? 0 : 1));
        }
    }
}
