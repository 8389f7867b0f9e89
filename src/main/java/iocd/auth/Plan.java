package iocd.auth;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Permissions, lookback and rate of the keys on one plan.
 *
 * @param name              plan name as stored with each key
 * @param scopes            permissions granted
 * @param lookback          how far back in {@code modified} time the key may read
 * @param requestsPerMinute sustained request rate; bursts up to the same number are allowed
 */
public record Plan(String name, Set<Scope> scopes, Duration lookback, int requestsPerMinute) {

    public Plan {
        scopes = Set.copyOf(scopes);
        if (lookback.isNegative() || lookback.isZero()) {
            throw new IllegalArgumentException("plan " + name + ": lookback must be positive, got " + lookback);
        }
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException(
                    "plan " + name + ": requests per minute must be at least 1, got " + requestsPerMinute);
        }
    }

    public boolean allows(Scope scope) {
        return scopes.contains(scope);
    }

    /** Returns the default plans: free, pro, enterprise and admin. */
    public static Map<String, Plan> defaults() {
        Set<Scope> free = EnumSet.of(Scope.READ_IOCS);
        Set<Scope> pro = EnumSet.of(Scope.READ_IOCS, Scope.READ_STIX, Scope.READ_TAXII);
        Set<Scope> enterprise = EnumSet.of(Scope.READ_IOCS, Scope.READ_STIX, Scope.READ_TAXII, Scope.WRITE_IOCS);
        Set<Scope> admin = EnumSet.allOf(Scope.class);
        return Map.of(
                "free", new Plan("free", free, Duration.ofDays(7), 60),
                "pro", new Plan("pro", pro, Duration.ofDays(90), 600),
                "enterprise", new Plan("enterprise", enterprise, Duration.ofDays(365), 3000),
                "admin", new Plan("admin", admin, Duration.ofDays(365), 3000));
    }
}
