package iocd.auth;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Token buckets in this JVM's memory, for a single node. */
public final class LocalRateLimiter implements RateLimiter {
    private final Clock clock;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public LocalRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Decision acquire(String keyId, int requestsPerMinute) {
        long now = clock.millis();
        TokenBucket bucket = buckets.computeIfAbsent(keyId, id -> new TokenBucket(requestsPerMinute, now));
        double before = bucket.take(requestsPerMinute, now);
        boolean allowed = before >= 1.0;
        return Decision.of(allowed, requestsPerMinute, allowed ? before - 1.0 : before);
    }
}
