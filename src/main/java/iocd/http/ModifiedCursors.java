package iocd.http;

import iocd.IocdException;
import iocd.stix.Timestamps;
import iocd.store.CursorCodec;
import iocd.store.ModifiedQuery;
import iocd.store.StoredIoc;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Continuation tokens for listings ordered by {@code (modified, id)}: the bundle endpoint and REST search. A token
 * carries the last row's position, signed by {@link CursorCodec} under a kind that binds it to one endpoint.
 */
final class ModifiedCursors {
    private static final int PAYLOAD_BYTES = 24;

    private final CursorCodec codec;
    private final String kind;
    private final String hint;

    /**
     * @param codec the signing codec
     * @param kind  endpoint name bound into the signature, so a token from one endpoint fails on another
     * @param hint  where a client takes a valid token from, for error messages
     */
    ModifiedCursors(CursorCodec codec, String kind, String hint) {
        this.codec = codec;
        this.kind = kind;
        this.hint = hint;
    }

    /** Encodes the position after {@code last}. */
    String after(StoredIoc last) {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES);
        payload.putLong(Timestamps.micros(last.modified()));
        payload.putLong(last.id().getMostSignificantBits()).putLong(last.id().getLeastSignificantBits());
        return codec.encode(kind, payload.array());
    }

    /**
     * Decodes the {@code cursor} parameter.
     *
     * @throws ApiException 400 naming the parameter when the token is malformed, changed or from elsewhere
     */
    ModifiedQuery.Cursor decode(String token) {
        byte[] bytes;
        try {
            bytes = codec.decode(kind, token);
        } catch (IocdException e) {
            throw ApiException.badParameter("cursor", token,
                    "the cursor was changed, truncated or issued by another server; " + hint);
        }
        if (bytes.length != PAYLOAD_BYTES) {
            throw ApiException.badParameter("cursor", token, hint);
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes);
        return new ModifiedQuery.Cursor(Timestamps.ofMicros(payload.getLong()),
                new UUID(payload.getLong(), payload.getLong()));
    }
}
