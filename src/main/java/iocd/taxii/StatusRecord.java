package iocd.taxii;

import java.util.Optional;

/**
 * The stored form of a TAXII status resource: the id of the key that posted the objects, a newline, then the
 * status JSON as served. Key ids never contain a newline, and the JSON is written without one.
 */
final class StatusRecord {
    private StatusRecord() {
    }

    static String encode(String ownerKeyId, String json) {
        return ownerKeyId + "\n" + json;
    }

    /** Returns the status JSON when {@code keyId} posted it, else empty. */
    static Optional<String> bodyFor(String stored, String keyId) {
        int newline = stored.indexOf('\n');
        if (newline < 0 || !stored.substring(0, newline).equals(keyId)) {
            return Optional.empty();
        }
        return Optional.of(stored.substring(newline + 1));
    }
}
