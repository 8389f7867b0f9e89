package iocd.stix;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Server-wide settings of the STIX renderer.
 *
 * @param identityName    name of the identity SDO that every object's {@code created_by_ref} points to
 * @param identityId      {@code identity--<UUIDv4>}. The caller stores it and passes the same id on every start, so
 *                        consumers see one producer across restarts
 * @param identityCreated creation time of that identity, stored with it and written at millisecond precision
 * @param greenThreshold  confidence (0 to 100) at or above which an unmarked IOC is TLP:GREEN instead of TLP:CLEAR
 */
public record RenderSettings(String identityName, String identityId, Instant identityCreated, int greenThreshold) {

    /** Identity name used when the configuration names none. */
    public static final String DEFAULT_IDENTITY_NAME = "SOC Defenders";

    /** Confidence from which IOCs default to TLP:GREEN. */
    public static final int DEFAULT_GREEN_THRESHOLD = 70;

    private static final Pattern IDENTITY_ID = Pattern.compile(
            "identity--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException when the name is blank, the id is not a lowercase identity UUIDv4 id, or the
     *                                  threshold is outside 0 to 100
     */
    public RenderSettings {
        Objects.requireNonNull(identityName, "identityName");
        Objects.requireNonNull(identityId, "identityId");
        Objects.requireNonNull(identityCreated, "identityCreated");
        if (identityName.isBlank()) {
            throw new IllegalArgumentException("identity name is blank: set a name such as \""
                    + DEFAULT_IDENTITY_NAME + "\"");
        }
        if (!IDENTITY_ID.matcher(identityId).matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "identity id '%s' is invalid: it must be 'identity--' followed by a lowercase UUIDv4", identityId));
        }
        if (greenThreshold < 0 || greenThreshold > 100) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "green confidence threshold %d is invalid: it must be between 0 and 100", greenThreshold));
        }
        identityCreated = Timestamps.toMillis(identityCreated);
    }

    /** Settings with the default identity name and green threshold. */
    public static RenderSettings defaults(String identityId, Instant identityCreated) {
        return new RenderSettings(DEFAULT_IDENTITY_NAME, identityId, identityCreated, DEFAULT_GREEN_THRESHOLD);
    }
}
