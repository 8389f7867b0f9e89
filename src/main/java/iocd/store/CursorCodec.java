package iocd.store;

import iocd.IocdException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, self-contained, integrity-protected continuation tokens. A token carries its own position and a
 * truncated HMAC-SHA256 under a secret kept in the store, so any node can continue any page, tokens never
 * expire, and a tampered or foreign token is rejected. Thread-safe.
 */
public final class CursorCodec {
    private static final int TAG_BYTES = 16;

    private final byte[] secret;

    public CursorCodec(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("cursor secret must be at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    /** Returns the codec for a store, creating its secret on first use. */
    public static CursorCodec forStore(IocStore store) {
        byte[] fresh = new byte[32];
        new java.security.SecureRandom().nextBytes(fresh);
        String stored = store.getOrCreateSetting("cursor.secret", Base64.getEncoder().encodeToString(fresh));
        return new CursorCodec(Base64.getDecoder().decode(stored));
    }

    /**
     * Encodes a payload; {@code kind} binds it to one use (for example {@code "bundle"}) so a token from one
     * endpoint cannot be replayed on another.
     */
    public String encode(String kind, byte[] payload) {
        byte[] tag = tag(kind, payload);
        ByteBuffer buffer = ByteBuffer.allocate(payload.length + TAG_BYTES);
        buffer.put(payload).put(tag, 0, TAG_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /**
     * Decodes and verifies a token.
     *
     * @throws IocdException {@code invalid_cursor} when the token is malformed, tampered with or from elsewhere
     */
    public byte[] decode(String kind, String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (raw.length < TAG_BYTES || token.length() > 512) {
            throw invalid();
        }
        byte[] payload = Arrays.copyOfRange(raw, 0, raw.length - TAG_BYTES);
        byte[] given = Arrays.copyOfRange(raw, raw.length - TAG_BYTES, raw.length);
        byte[] expected = Arrays.copyOf(tag(kind, payload), TAG_BYTES);
        if (!MessageDigest.isEqual(given, expected)) {
            throw invalid();
        }
        return payload;
    }

    private byte[] tag(String kind, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(kind.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static IocdException invalid() {
        return new IocdException("invalid_cursor",
                "the continuation token is not valid: it was changed, truncated or issued by another server; "
                        + "restart paging without it");
    }
}
