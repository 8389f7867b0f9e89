package iocd.http;

import io.javalin.http.Context;
import iocd.auth.ApiKeys;
import iocd.auth.Principal;
import iocd.auth.RateLimiter;
import iocd.auth.Scope;
import java.util.Locale;

/** Resolves the caller of a request, checks its scope and applies its rate limit. */
public final class Authenticator {
    public static final String PRINCIPAL_ATTRIBUTE = "iocd.principal";

    private final ApiKeys keys;
    private final RateLimiter rateLimiter;
    private final FailedAuthentications failures;

    Authenticator(ApiKeys keys, RateLimiter rateLimiter, FailedAuthentications failures) {
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.failures = failures;
    }

    /**
     * The caller, who must hold {@code scope}.
     *
     * @throws ApiException 401 without a valid key, 403 when the plan lacks the scope, 429 over the rate limit or
     *                      after too many failed authentications from the client's address
     */
    public Principal require(Context ctx, Scope scope) {
        String address = ctx.ip();
        rejectBlockedAddress(ctx, address);
        Principal principal;
        try {
            principal = authenticate(ctx);
        } catch (ApiException e) {
            failures.record(address);
            throw e;
        }
        ctx.attribute(PRINCIPAL_ATTRIBUTE, principal);
        applyRateLimit(ctx, principal);
        if (!principal.has(scope)) {
            throw new ApiException(403, "insufficient_scope", String.format(Locale.ROOT,
                    "the '%s' plan of this key does not include the '%s' scope this endpoint needs; "
                            + "use a key on a plan that includes it", principal.plan().name(), scope.wireName()));
        }
        return principal;
    }

    private Principal authenticate(Context ctx) {
        String secret = Credentials.extract(ctx).orElseThrow(() -> ApiException.unauthorized(
                "missing API key; send it as 'Authorization: Bearer <key>', as 'X-API-Key: <key>', "
                        + "or with HTTP Basic (any user name, the key as password)"));
        return keys.authenticate(secret).orElseThrow(() -> ApiException.unauthorized(
                "unknown or revoked API key; check the key or ask an administrator for a new one"));
    }

    private void rejectBlockedAddress(Context ctx, String address) {
        long wait = failures.retryAfterSeconds(address);
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new ApiException(429, "too_many_failed_authentications", String.format(Locale.ROOT,
                    "more than %d requests a minute from this address had a missing or invalid API key; "
                            + "retry after %s with a valid key", failures.perMinute(), seconds(wait)));
        }
    }

    private void applyRateLimit(Context ctx, Principal principal) {
        RateLimiter.Decision decision = rateLimiter.acquire(principal.key().id(), principal.plan().requestsPerMinute());
        ctx.header("RateLimit-Limit", Integer.toString(decision.limit()));
        ctx.header("RateLimit-Remaining", Integer.toString(decision.remaining()));
        ctx.header("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            ctx.header("Retry-After", Long.toString(decision.retryAfterSeconds()));
            throw new ApiException(429, "rate_limited", String.format(Locale.ROOT,
                    "rate limit of %d requests per minute for the '%s' plan exceeded; retry after %s",
                    decision.limit(), principal.plan().name(), seconds(decision.retryAfterSeconds())));
        }
    }

    private static String seconds(long count) {
        return count == 1 ? "1 second" : count + " seconds";
    }
}
