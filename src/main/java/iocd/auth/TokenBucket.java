package iocd.auth;

/**
 * A token bucket that holds up to {@code capacity} tokens and refills at {@code capacity} tokens a minute. The
 * capacity is passed on each call, so a changed plan limit applies at once. Thread-safe.
 */
public final class TokenBucket {
    private double tokens;
    private long updatedMillis;

    /** Creates a full bucket. */
    public TokenBucket(int capacity, long nowMillis) {
        this.tokens = capacity;
        this.updatedMillis = nowMillis;
    }

    /** Refills, then takes one token when a whole one is left. Returns the tokens there were before the take. */
    public synchronized double take(int capacity, long nowMillis) {
        refill(capacity, nowMillis);
        double before = tokens;
        if (tokens >= 1.0) {
            tokens -= 1.0;
        }
        return before;
    }

    /** Refills and returns the tokens left, without taking one. */
    public synchronized double tokens(int capacity, long nowMillis) {
        refill(capacity, nowMillis);
        return tokens;
    }

    private void refill(int capacity, long nowMillis) {
        double perMilli = capacity / 60_000.0;
        tokens = Math.min(capacity, tokens + Math.max(0, nowMillis - updatedMillis) * perMilli);
        updatedMillis = Math.max(updatedMillis, nowMillis);
    }
}
