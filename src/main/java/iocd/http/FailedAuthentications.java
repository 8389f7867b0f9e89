package iocd.http;

import iocd.auth.TokenBucket;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counter of requests that failed authentication, per client address, as a token bucket of
 * {@code perMinute} tokens. Once an address has used its bucket, its requests are rejected before any key is
 * checked, which keeps key guessing and unauthenticated floods away from the key store.
 *
 * <p>The buckets live in this node's memory. Behind a reverse proxy every client shares the proxy's address, so the
 * limit then applies to all of them together.
 */
final class FailedAuthentications {
    private static final Logger LOG = LoggerFactory.getLogger(FailedAuthentications.class);
    /** Number of tracked addresses above which buckets that have refilled are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    private final Clock clock;
    private final int perMinute;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    FailedAuthentications(Clock clock, int perMinute) {
        this.clock = clock;
        this.perMinute = perMinute;
    }

    int perMinute() {
        return perMinute;
    }

    /** Returns the seconds until {@code address} may try again, or 0 when it may try now. */
    long retryAfterSeconds(String address) {
        TokenBucket bucket = buckets.get(address);
        double tokens = bucket == null ? perMinute : bucket.tokens(perMinute, clock.millis());
        if (tokens >= 1.0) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1.0 - tokens) * 60.0 / perMinute));
    }

    /** Records one failed authentication from {@code address}. */
    void record(String address) {
        long now = clock.millis();
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.tokens(perMinute, now) >= perMinute);
        }
        double before = buckets.computeIfAbsent(address, ignored -> new TokenBucket(perMinute, now))
                .take(perMinute, now);
        if (before >= 1.0 && before < 2.0) {
            LOG.warn("Rejecting requests from {} for a while: more than {} failed authentications a minute",
                    address, perMinute);
        }
    }
}
