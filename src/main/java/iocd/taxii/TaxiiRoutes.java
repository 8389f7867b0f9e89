package iocd.taxii;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import iocd.http.ApiException;
import iocd.http.Authenticator;
import iocd.http.Metrics;
import iocd.auth.Principal;
import iocd.auth.Scope;
import iocd.stix.StixRenderer;
import iocd.store.CursorCodec;
import iocd.store.DateAddedQuery;
import iocd.store.IocStore;
import iocd.store.StoredIoc;
import iocd.store.VersionFilter;
import iocd.store.Visibility;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The TAXII 2.1 server (TAXII 2.1 sections 4 and 5, without channels): discovery at {@value #DISCOVERY}, one API
 * root at {@value #API_ROOT} with the status resource, and the collections of {@link TaxiiCollection#ALL} with their
 * objects, manifest, object-by-id and versions endpoints. Every path works with and without the trailing slash.
 *
 * <p>Access: any key with a TAXII scope may read discovery, the API root and the collections. Reading objects needs
 * {@code read:taxii}, adding them {@code write:iocs}, deleting both. The plan's lookback and the key's TLP clearance
 * hide objects exactly as on the bundle endpoint; a hidden object answers 404 like a missing one.
 *
 * <p>Paged results ascend by {@code (date_added, seq)}. A non-empty 200 carries {@code X-TAXII-Date-Added-First}
 * and {@code -Last}; an empty result is the body {@code {}} with neither header, since there is no first or last
 * object to date. {@code more: true} always comes with {@code next}, a self-contained token: see {@link PageToken}.
 */
public final class TaxiiRoutes {
    /** Discovery path, without the trailing slash. */
    public static final String DISCOVERY = "/taxii2";
    /** API root path, without the trailing slash. */
    public static final String API_ROOT = "/taxii2/api";

    private static final String COLLECTION = API_ROOT + "/collections/{collection}";
    private static final String OBJECT = COLLECTION + "/objects/{object}";

    private final IocStore store;
    private final StixRenderer renderer;
    private final Authenticator authenticator;
    private final CursorCodec cursors;
    private final Clock clock;
    private final int greenThreshold;
    private final long maxContentLength;
    private final TaxiiSettings settings;
    private final ObjectsPost post;

    /**
     * @param maxContentLength largest request body accepted, in bytes; published as the API root's
     *                         {@code max_content_length}
     * @param metrics          where merges of posted objects are counted, next to those of REST submissions
     */
    public TaxiiRoutes(IocStore store, StixRenderer renderer, Authenticator authenticator, CursorCodec cursors,
            Clock clock, int greenThreshold, long maxContentLength, TaxiiSettings settings, Metrics metrics) {
        this.store = store;
        this.renderer = renderer;
        this.authenticator = authenticator;
        this.cursors = cursors;
        this.clock = clock;
        this.greenThreshold = greenThreshold;
        this.maxContentLength = maxContentLength;
        this.settings = settings;
        this.post = new ObjectsPost(store, clock, maxContentLength, metrics);
    }

    /** Registers every TAXII route. The server must ignore trailing slashes when matching paths. */
    public void register(RoutesConfig routes) {
        routes.get(DISCOVERY, this::discovery);
        routes.get(API_ROOT, this::apiRoot);
        routes.get(API_ROOT + "/status/{status}", this::status);
        routes.get(API_ROOT + "/collections", this::collections);
        routes.get(COLLECTION, this::getCollection);
        routes.get(COLLECTION + "/objects", this::objects);
        routes.post(COLLECTION + "/objects", this::addObjects);
        routes.get(COLLECTION + "/manifest", this::manifest);
        routes.get(OBJECT, this::object);
        routes.delete(OBJECT, this::deleteObject);
        routes.get(OBJECT + "/versions", this::versions);
    }

    private void discovery(Context ctx) throws IOException {
        browse(ctx);
        send(ctx, g -> TaxiiWriter.discovery(g, settings, API_ROOT + "/"));
    }

    private void apiRoot(Context ctx) throws IOException {
        browse(ctx);
        send(ctx, g -> TaxiiWriter.apiRoot(g, settings, maxContentLength));
    }

    private void status(Context ctx) throws IOException {
        Principal caller = browse(ctx);
        // A status belongs to the key that posted the objects; other keys get the same 404 as for a missing one.
        Optional<String> status = parseUuid(ctx.pathParam("status"))
                .flatMap(id -> store.findStatus(id, clock.instant()))
                .flatMap(stored -> StatusRecord.bodyFor(stored, caller.key().id()));
        String body = status.orElseThrow(() -> ApiException.notFound(
                "no status resource with this id; statuses are kept for 24 hours"));
        TaxiiMedia.send(ctx, 200, body);
    }

    private void collections(Context ctx) throws IOException {
        Principal caller = browse(ctx);
        send(ctx, g -> TaxiiWriter.collections(g, canRead(caller), canWrite(caller)));
    }

    private void getCollection(Context ctx) throws IOException {
        Principal caller = browse(ctx);
        TaxiiCollection collection = pathCollection(ctx);
        send(ctx, g -> TaxiiWriter.collection(g, collection, canRead(caller), canWrite(caller)));
    }

    private void objects(Context ctx) throws IOException {
        Read read = beginRead(ctx);
        Page page = page(ctx, read, PageToken.Endpoint.OBJECTS, Set.of(),
                params -> params.collectionFilter(read.collection().types()));
        sendPage(ctx, page, g -> TaxiiWriter.envelope(g, page, renderer));
    }

    private void manifest(Context ctx) throws IOException {
        Read read = beginRead(ctx);
        Page page = page(ctx, read, PageToken.Endpoint.MANIFEST, Set.of(),
                params -> params.collectionFilter(read.collection().types()));
        sendPage(ctx, page, g -> TaxiiWriter.manifest(g, page));
    }

    private void object(Context ctx) throws IOException {
        Read read = beginRead(ctx);
        StixId id = visibleObject(ctx, read.collection(), read.visibility());
        Page page = page(ctx, read, PageToken.Endpoint.OBJECT, Set.of(id),
                params -> params.objectFilter(id, read.collection().types(), params.versions(VersionFilter.LAST)));
        sendPage(ctx, page, g -> TaxiiWriter.envelope(g, page, renderer));
    }

    private void versions(Context ctx) throws IOException {
        Read read = beginRead(ctx);
        StixId id = visibleObject(ctx, read.collection(), read.visibility());
        // match[version] has no meaning here (every version is listed), so it is ignored like an unknown filter.
        Page page = page(ctx, read, PageToken.Endpoint.VERSIONS, Set.of(id),
                params -> params.objectFilter(id, read.collection().types(), VersionFilter.ALL));
        sendPage(ctx, page, g -> TaxiiWriter.versions(g, page));
    }

    /**
     * NOTE: TAXII 2.1 expects a deleted object to vanish from the collection. iocd instead revokes it: the IOC gets a
     * new version with {@code revoked: true} and its history stays, so every poller learns of the withdrawal on its
     * next poll instead of keeping a copy that silently stopped updating.
     */
    private void deleteObject(Context ctx) {
        Principal caller = caller(ctx);
        TaxiiCollection collection = pathCollection(ctx);
        boolean read = canRead(caller);
        boolean write = canWrite(caller);
        if (!read && !write) {
            throw ApiException.notFound("no such object");
        }
        if (!read || !write) {
            throw forbidden(caller, read ? Scope.WRITE_IOCS : Scope.READ_TAXII, "delete objects");
        }
        TaxiiMedia.requireAcceptable(ctx);
        Visibility visibility = visibility(caller);
        StixId id = visibleObject(ctx, collection, visibility);
        TaxiiParams params = new TaxiiParams(ctx);
        params.versions(VersionFilter.LAST);
        if (!params.specVersionMatches()) {
            throw ApiException.notFound("no such object");
        }
        store.revoke(id.uuid(), visibility).orElseThrow(() -> ApiException.notFound("no such object"));
        ctx.status(200).contentType(TaxiiMedia.TAXII);
    }

    private void addObjects(Context ctx) throws IOException {
        Principal caller = caller(ctx);
        TaxiiCollection collection = pathCollection(ctx);
        if (!canWrite(caller)) {
            throw forbidden(caller, Scope.WRITE_IOCS, "add objects");
        }
        TaxiiMedia.requireAcceptable(ctx);
        TaxiiMedia.requireTaxiiContent(ctx);
        String status = post.handle(ctx, collection, caller.key().id(), visibility(caller));
        TaxiiMedia.send(ctx, 202, status);
    }

    // Access

    /** Returns the caller of a request for a resource every TAXII user may read: read:taxii or write:iocs. */
    private Principal browse(Context ctx) {
        Principal caller = caller(ctx);
        if (!canRead(caller) && !canWrite(caller)) {
            throw forbidden(caller, Scope.READ_TAXII, "use the TAXII server");
        }
        TaxiiMedia.requireAcceptable(ctx);
        return caller;
    }

    private Read beginRead(Context ctx) {
        Principal caller = caller(ctx);
        TaxiiCollection collection = pathCollection(ctx);
        if (!canRead(caller)) {
            throw forbidden(caller, Scope.READ_TAXII, "read objects");
        }
        TaxiiMedia.requireAcceptable(ctx);
        return new Read(collection, visibility(caller));
    }

    /** Returns the authenticated caller whatever its scopes, because each endpoint checks scopes its own way. */
    private Principal caller(Context ctx) {
        try {
            return authenticator.require(ctx, Scope.READ_TAXII);
        } catch (ApiException e) {
            Principal known = ctx.attribute(Authenticator.PRINCIPAL_ATTRIBUTE);
            if (e.status() != 403 || known == null) {
                throw e;
            }
            return known;
        }
    }

    private static boolean canRead(Principal caller) {
        return caller.has(Scope.READ_TAXII);
    }

    private static boolean canWrite(Principal caller) {
        return caller.has(Scope.WRITE_IOCS);
    }

    private Visibility visibility(Principal caller) {
        return caller.visibility(clock.instant(), greenThreshold);
    }

    private static ApiException forbidden(Principal caller, Scope scope, String action) {
        return new ApiException(403, "insufficient_scope", String.format(Locale.ROOT,
                "the '%s' plan of this key does not include the '%s' scope needed to %s; "
                        + "use a key on a plan that includes it", caller.plan().name(), scope.wireName(), action));
    }

    // Path parameters

    private static TaxiiCollection pathCollection(Context ctx) {
        return TaxiiCollection.find(ctx.pathParam("collection")).orElseThrow(() -> ApiException.notFound(
                "no such collection; list them at " + API_ROOT + "/collections/"));
    }

    /**
     * Returns the object named in the path when the caller may see at least one of its versions in this collection. A
     * malformed id, a missing object and a hidden one all give the same 404, so the response reveals nothing.
     */
    private StixId visibleObject(Context ctx, TaxiiCollection collection, Visibility visibility) {
        ApiException missing = ApiException.notFound("no such object in this collection");
        StixId id = StixId.parse(ctx.pathParam("object")).flatMap(StixId.Parsed::published).orElseThrow(() -> missing);
        boolean visible = store.versions(id.uuid(), visibility).stream()
                .anyMatch(version -> version.stixId().equals(id.toString())
                        && collection.types().contains(version.type()));
        if (!visible) {
            throw missing;
        }
        return id;
    }

    private static Optional<UUID> parseUuid(String text) {
        if (text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // Paging

    /**
     * Reads one page. The filters come from the query, or from the {@code next} token when one is given (the
     * token's filters win; a repeated {@code limit} applies). One row more than the limit is fetched to tell whether
     * more remain.
     *
     * @param pathIds the object an object endpoint is about, which a token must name too; empty elsewhere
     */
    private Page page(Context ctx, Read read, PageToken.Endpoint endpoint, Set<StixId> pathIds,
            Function<TaxiiParams, TaxiiFilter> filterOf) {
        TaxiiParams params = new TaxiiParams(ctx);
        Optional<Integer> limitParam = params.limit();
        TaxiiFilter filter = filterOf.apply(params);
        int limit = limitParam.orElse(TaxiiParams.DEFAULT_LIMIT);
        long afterSeq = 0;
        Optional<String> next = params.next();
        if (next.isPresent()) {
            PageToken token = PageToken.decode(cursors, next.get(), endpoint, read.collection().index());
            if (!pathIds.isEmpty() && !token.filter().ids().equals(pathIds)) {
                throw ApiException.badParameter("next", next.get(),
                        "this token belongs to another object; use it where it was issued");
            }
            filter = token.filter();
            limit = limitParam.orElse(token.limit());
            afterSeq = token.afterSeq();
        }
        if (filter.matchesNothing()) {
            return Page.EMPTY;
        }
        return fetch(read, endpoint, filter, limit, afterSeq);
    }

    private Page fetch(Read read, PageToken.Endpoint endpoint, TaxiiFilter filter, int limit, long afterSeq) {
        Set<UUID> uuids = new HashSet<>();
        filter.ids().forEach(id -> uuids.add(id.uuid()));
        boolean everyType = filter.types().size() == iocd.ioc.IocType.values().length;
        DateAddedQuery query = new DateAddedQuery(everyType ? Set.of() : filter.types(), uuids, filter.addedAfter(),
                afterSeq, filter.versions(), read.visibility(), limit + 1);
        List<StoredIoc> rows = store.listByDateAdded(query);
        boolean more = rows.size() > limit;
        List<StoredIoc> served = new ArrayList<>(more ? rows.subList(0, limit) : rows);
        String next = null;
        if (more) {
            long lastSeq = served.get(served.size() - 1).seq();
            next = new PageToken(endpoint, read.collection().index(), filter, limit, lastSeq).encode(cursors);
        }
        // The store matches ids by UUID alone; an id asked for under another STIX type must not match.
        served.removeIf(row -> !filter.admitsId(row.stixId()));
        return new Page(served, next);
    }

    // Responses

    private void sendPage(Context ctx, Page page, Body body) throws IOException {
        if (!page.rows().isEmpty()) {
            List<String> range = TaxiiWriter.dateAddedRange(page);
            ctx.header("X-TAXII-Date-Added-First", range.get(0));
            ctx.header("X-TAXII-Date-Added-Last", range.get(1));
        }
        send(ctx, body);
    }

    private void send(Context ctx, Body body) throws IOException {
        ctx.status(200);
        ctx.contentType(TaxiiMedia.TAXII);
        OutputStream out = ctx.outputStream();
        try (JsonGenerator g = renderer.createGenerator(out)) {
            body.write(g);
        }
        out.flush();
    }

    /** Writes one response body. */
    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** A read request that passed the access checks. */
    private record Read(TaxiiCollection collection, Visibility visibility) {
    }
}
