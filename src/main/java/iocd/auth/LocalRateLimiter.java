package iocd.auth;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Token buckets in this JVM's memory, for a single node. */
public final class LocalRateLimiter implements RateLimiter {
    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public LocalRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
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
            updatedMillis = Math.max(updatedMillis, now);
            boolean allowed = tokens >= 1.0;
            if (allowed) {
                tokens -= 1.0;
            }
            return Decision.of(allowed, capacity, tokens);
        }
    }
}
