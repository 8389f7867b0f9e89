package iocd.store;

import iocd.ioc.Tlp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored API key. The key itself is never stored, only its SHA-256 hash.
 *
 * @param id        public key id (for listing and revoking), not secret
 * @param name      owner-given label
 * @param plan      plan name, for example {@code pro}
 * @param clearance strictest TLP the key may read
 * @param hash      lowercase hex SHA-256 of the full key
 * @param prefix    first characters of the key, shown in listings so owners can tell keys apart
 * @param created   creation time
 * @param revoked   revocation time, or null while the key is active
 */
public record ApiKeyRecord(String id, String name, String plan, Tlp clearance, String hash, String prefix,
        Instant created, @Nullable Instant revoked) {

    public boolean active() {
        return revoked == null;
    }
}
