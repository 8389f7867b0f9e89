package iocd.taxii;

import iocd.IocdException;
import iocd.http.ApiException;
import iocd.ioc.IocType;
import iocd.stix.Timestamps;
import iocd.store.CursorCodec;
import iocd.store.VersionFilter;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code next} value: the last {@code seq} served together with the whole filter state, signed by the
 * {@link CursorCodec}. It is self-contained, so any node continues any page, it never expires, and it works
 * whether or not the client repeats the original filters.
 *
 * @param endpoint   the endpoint that issued it; a token is only valid there
 * @param collection index of the collection in {@link TaxiiCollection#ALL}
 * @param filter     the resolved filters of the first request
 * @param limit      page size of the first request
 * @param afterSeq   {@code seq} of the last version served
 */
record PageToken(Endpoint endpoint, int collection, TaxiiFilter filter, int limit, long afterSeq) {
    static final String KIND = "taxii";
    private static final byte FORMAT = 1;
    private static final long NO_TIME = Long.MIN_VALUE;

    /** The paged endpoints; a token names the one it belongs to. */
    enum Endpoint { OBJECTS, MANIFEST, OBJECT, VERSIONS }

    String encode(CursorCodec codec) {
        ByteBuffer out = ByteBuffer.allocate(64 + 8 * filter.versions().exact().size() + 17 * filter.ids().size());
        out.put(FORMAT).put((byte) endpoint.ordinal()).put((byte) collection);
        out.putLong(afterSeq).putShort((short) limit);
        out.putLong(filter.addedAfter() == null ? NO_TIME : Timestamps.micros(filter.addedAfter()));
        out.putShort(typeMask(filter.types()));

        VersionFilter versions = filter.versions();
        out.put((byte) ((versions.all() ? 1 : 0) | (versions.first() ? 2 : 0) | (versions.last() ? 4 : 0)));
        out.put((byte) versions.exact().size());
        versions.exact().forEach(exact -> out.putLong(Timestamps.micros(exact)));

        out.put((byte) filter.ids().size());
        for (StixId id : filter.ids()) {
            out.put((byte) id.typeIndex());
            out.putLong(id.uuid().getMostSignificantBits()).putLong(id.uuid().getLeastSignificantBits());
        }
        byte[] payload = new byte[out.position()];
        out.flip().get(payload);
        return codec.encode(KIND, payload);
    }

    /**
     * Reads a token.
     *
     * @throws ApiException 400 when it was changed, truncated, issued by another server or by another endpoint
     */
    static PageToken decode(CursorCodec codec, String token, Endpoint expected, int expectedCollection) {
        byte[] payload;
        try {
            payload = codec.decode(KIND, token);
        } catch (IocdException e) {
            throw invalid(token);
        }
        PageToken decoded;
        try {
            decoded = read(ByteBuffer.wrap(payload));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw invalid(token);
        }
        if (decoded.endpoint != expected || decoded.collection != expectedCollection) {
            throw ApiException.badParameter("next", token,
                    "this token belongs to another endpoint or collection; use it where it was issued");
        }
        return decoded;
    }

    private static PageToken read(ByteBuffer in) {
        if (in.get() != FORMAT) {
            throw new IllegalArgumentException("unknown token format");
        }
        int endpointIndex = in.get();
        int collection = in.get();
        if (endpointIndex < 0 || endpointIndex >= Endpoint.values().length || collection < 0
                || collection >= TaxiiCollection.ALL.size()) {
            throw new IllegalArgumentException("token fields out of range");
        }
        long afterSeq = in.getLong();
        int limit = in.getShort();
        long addedAfter = in.getLong();
        Set<IocType> types = types(in.getShort());

        int flags = in.get();
        Set<Instant> exact = new HashSet<>();
        for (int i = in.get(); i > 0; i--) {
            exact.add(Timestamps.ofMicros(in.getLong()));
        }
        VersionFilter versions = (flags & 1) != 0 ? VersionFilter.ALL
                : new VersionFilter(false, (flags & 2) != 0, (flags & 4) != 0, exact);

        Set<StixId> ids = new HashSet<>();
        for (int i = in.get(); i > 0; i--) {
            int typeIndex = in.get();
            if (typeIndex < 0 || typeIndex >= StixId.TYPES.size()) {
                throw new IllegalArgumentException("unknown id type");
            }
            ids.add(new StixId(StixId.TYPES.get(typeIndex), new UUID(in.getLong(), in.getLong())));
        }
        if (in.hasRemaining() || limit < 1 || limit > TaxiiParams.MAX_LIMIT || types.isEmpty()) {
            throw new IllegalArgumentException("token fields out of range");
        }
        TaxiiFilter filter = new TaxiiFilter(types, ids, addedAfter == NO_TIME ? null : Timestamps.ofMicros(addedAfter),
                versions, false);
        return new PageToken(Endpoint.values()[endpointIndex], collection, filter, limit, afterSeq);
    }

    private static short typeMask(Set<IocType> types) {
        int mask = 0;
        for (IocType type : types) {
            mask |= 1 << type.ordinal();
        }
        return (short) mask;
    }

    private static Set<IocType> types(int mask) {
        Set<IocType> types = EnumSet.noneOf(IocType.class);
        for (IocType type : IocType.values()) {
            if ((mask & (1 << type.ordinal())) != 0) {
                types.add(type);
            }
        }
        return types;
    }

    private static ApiException invalid(String token) {
        return ApiException.badParameter("next", token,
                "the token was changed, truncated or issued by another server; restart paging without it");
    }
}
