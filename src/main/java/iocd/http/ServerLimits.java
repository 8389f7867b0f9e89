package iocd.http;

import java.time.Duration;

/**
 * Limits that protect the server from large and slow clients.
 *
 * @param maxBodyBytes largest request body accepted, in bytes; larger bodies get 413
 * @param idleTimeout  how long a connection may stay silent (no bytes read or written) before the server closes
 *                     it; this cuts off a client that sends half a request and stalls
 */
public record ServerLimits(long maxBodyBytes, Duration idleTimeout) {
    /** Idle timeout when none is configured: long enough for a slow network, short enough to free threads. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public ServerLimits {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max body size must be at least 1 byte, got " + maxBodyBytes);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive, got " + idleTimeout);
        }
    }

    public static ServerLimits withBodyLimit(long maxBodyBytes) {
        return new ServerLimits(maxBodyBytes, DEFAULT_IDLE_TIMEOUT);
    }
}
