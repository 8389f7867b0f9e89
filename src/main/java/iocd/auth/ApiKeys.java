package iocd.auth;

import iocd.IocdException;
import iocd.ioc.Tlp;
import iocd.store.ApiKeyRecord;
import iocd.store.IocStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, checks and revokes API keys. A key is {@code sk_live_} followed by 32 random bytes in base64url; the
 * store keeps only its SHA-256 hash. Thread-safe.
 */
public final class ApiKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

    /** Every key starts with this; it helps secret scanners recognise leaked keys. */
    public static final String PREFIX = "sk_live_";
    private static final int SHOWN_PREFIX_LENGTH = 12;

    private final IocStore store;
    private final Map<String, Plan> plans;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(IocStore store, Map<String, Plan> plans, Clock clock) {
        this.store = store;
        this.plans = Map.copyOf(plans);
        this.clock = clock;
    }

    /** A new key: the secret, shown once, and the stored record. */
    public record CreatedKey(String secret, ApiKeyRecord record) {
        @Override
        public String toString() {
            return "CreatedKey[id=" + record.id() + ", secret=(hidden)]";
        }
    }

    /**
     * Creates a key on a plan.
     *
     * @throws IocdException {@code unknown_plan} when the plan does not exist
     */
    public CreatedKey create(String planName, String name, Tlp clearance) {
        // Stored under the plan's own name: the plan is found ignoring case, and login looks it up by that name.
        String plan = plan(planName).name();
        if (name.isBlank() || name.length() > 200) {
            throw new IocdException("invalid_key_name",
                    "key name must be 1 to 200 characters, got " + name.length() + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                throw new IocdException("invalid_key_name", String.format(Locale.ROOT,
                        "key name contains the character U+%04X at position %d; use printable characters only",
                        (int) c, i));
            }
        }
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        byte[] idBytes = new byte[8];
        random.nextBytes(idBytes);
        String id = "key_" + HexFormat.of().formatHex(idBytes);
        ApiKeyRecord record = new ApiKeyRecord(id, name, plan, clearance, hash(secret),
                secret.substring(0, SHOWN_PREFIX_LENGTH), clock.instant(), null);
        store.insertKey(record);
        return new CreatedKey(secret, record);
    }

    /** Returns the caller a secret belongs to, or empty when the key is unknown or revoked. */
    public Optional<Principal> authenticate(String secret) {
        if (!secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Optional<ApiKeyRecord> found = store.findKeyByHash(hash);
        // The lookup is by hash, so timing reveals nothing about the secret; the comparison below is
        // constant-time anyway in case a store matches hashes loosely.
        if (found.isEmpty() || !constantTimeEquals(found.get().hash(), hash) || !found.get().active()) {
            return Optional.empty();
        }
        Plan plan = plans.get(found.get().plan().toLowerCase(Locale.ROOT));
        if (plan == null) {
            LOG.warn("API key {} refers to the unknown plan '{}' and cannot log in; revoke it and create a new key",
                    found.get().id(), found.get().plan());
            return Optional.empty();
        }
        return Optional.of(new Principal(found.get(), plan));
    }

    public List<ApiKeyRecord> list() {
        return store.listKeys();
    }

    public boolean revoke(String id) {
        return store.revokeKey(id, clock.instant());
    }

    /** Plan by name; the error lists the known plans. */
    public Plan plan(String name) {
        Plan plan = plans.get(name.toLowerCase(Locale.ROOT));
        if (plan == null) {
            throw new IocdException("unknown_plan", String.format(Locale.ROOT,
                    "unknown plan '%s'; known plans: %s", name, String.join(", ", plans.keySet().stream().sorted().toList())));
        }
        return plan;
    }

    static String hash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
