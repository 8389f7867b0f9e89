package iocd.http;

import java.time.Duration;

/**
 * Limits that protect the server from large and slow clients.
 *
 * @param maxBodyBytes largest request body accepted, in bytes; larger bodies get 413
 * @param idleTimeout  how long a connection may stay silent (no bytes read or written) before the server closes
 *                     it; this cuts off a client that sends half a request and stalls, and a body that stalls
 *                     gets 408
 * @param authFailuresPerMinute size of the per-address token bucket for requests with a missing or invalid key,
 *                     refilled over a minute. An address that empties it gets 429 until it refills.
 */
public record ServerLimits(long maxBodyBytes, Duration idleTimeout, int authFailuresPerMinute) {
    /** Idle timeout when none is configured: long enough for a slow network, short enough to free threads. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Failed authentications allowed per address and minute when none is configured. */
    public static final int DEFAULT_AUTH_FAILURES_PER_MINUTE = 60;

    public ServerLimits {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max body size must be at least 1 byte, got " + maxBodyBytes);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive, got " + idleTimeout);
        }
        if (authFailuresPerMinute < 1) {
            throw new IllegalArgumentException("failed authentications per minute must be at least 1, got "
                    + authFailuresPerMinute);
        }
    }

    public ServerLimits(long maxBodyBytes, Duration idleTimeout) {
        this(maxBodyBytes, idleTimeout, DEFAULT_AUTH_FAILURES_PER_MINUTE);
    }

    public static ServerLimits withBodyLimit(long maxBodyBytes) {
        return new ServerLimits(maxBodyBytes, DEFAULT_IDLE_TIMEOUT);
    }

    public ServerLimits withIdleTimeout(Duration timeout) {
        return new ServerLimits(maxBodyBytes, timeout, authFailuresPerMinute);
    }

    public ServerLimits withAuthFailuresPerMinute(int perMinute) {
        return new ServerLimits(maxBodyBytes, idleTimeout, perMinute);
    }
}
