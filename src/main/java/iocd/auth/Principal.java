package iocd.auth;

import iocd.store.ApiKeyRecord;
import iocd.store.Visibility;
import java.time.Instant;

/**
 * An authenticated caller: the key's record and its plan.
 *
 * @param key  the stored key (its hash, never the key itself)
 * @param plan the key's plan
 */
public record Principal(ApiKeyRecord key, Plan plan) {

    public boolean has(Scope scope) {
        return plan.allows(scope);
    }

    /** Returns what this caller may read at {@code now}: the plan's lookback and the key's TLP clearance. */
    public Visibility visibility(Instant now, int greenThreshold) {
        return new Visibility(now.minus(plan.lookback()), key.clearance(), greenThreshold);
    }
}
