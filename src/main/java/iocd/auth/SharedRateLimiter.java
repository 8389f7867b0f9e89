package iocd.auth;

import iocd.store.IocStore;
import iocd.store.RateBucket;
import java.time.Clock;

/** Token buckets in the shared database, so every node enforces one limit per key. */
final class SharedRateLimiter implements RateLimiter {
    private final IocStore store;
    private final Clock clock;

    SharedRateLimiter(IocStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Decision acquire(String keyId, int requestsPerMinute) {
        RateBucket bucket = store.takeToken("key:" + keyId, requestsPerMinute, requestsPerMinute / 60_000.0,
                clock.millis());
        return Decision.of(bucket.allowed(), requestsPerMinute, bucket.tokens());
    }
}
