package iocd.auth;

import iocd.store.IocStore;
import java.time.Clock;

/**
 * Per-key token bucket: a bucket holds up to the plan's requests per minute and refills at that rate.
 * Implementations are thread-safe.
 */
public interface RateLimiter {

    /**
     * Outcome of one request.
     *
     * @param allowed           whether the request may proceed
     * @param limit             bucket size (the plan's requests per minute)
     * @param remaining         whole tokens left after this request
     * @param resetSeconds      seconds until the bucket is full again
     * @param retryAfterSeconds seconds until one token is available; 0 when allowed
     */
    record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {

        /** Builds the decision for a bucket of {@code capacity} tokens with {@code tokens} left after the take. */
        static Decision of(boolean allowed, int capacity, double tokens) {
            double perSecond = capacity / 60.0;
            long reset = (long) Math.ceil(Math.max(0, capacity - tokens) / perSecond);
            long retry = allowed ? 0 : Math.max(1, (long) Math.ceil((1.0 - tokens) / perSecond));
            return new Decision(allowed, capacity, (int) Math.max(0, Math.floor(tokens)), reset, retry);
        }
    }

    /** Takes one token from the key's bucket. */
    Decision acquire(String keyId, int requestsPerMinute);

    /**
     * Returns the limiter for a store: buckets in the database when several nodes share it, so the limit applies across
     * nodes, otherwise in this JVM's memory.
     */
    static RateLimiter forStore(IocStore store, Clock clock) {
        return store.shared() ? new SharedRateLimiter(store, clock) : new LocalRateLimiter(clock);
    }
}
