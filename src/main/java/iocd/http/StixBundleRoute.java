package iocd.http;

import io.javalin.http.Context;
import iocd.auth.Principal;
import iocd.auth.Scope;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.stix.RenderOptions;
import iocd.stix.StixRenderer;
import iocd.store.CursorCodec;
import iocd.store.IocStore;
import iocd.store.ModifiedQuery;
import iocd.store.StoredIoc;
import iocd.store.Visibility;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import java.util.UUID;

/**
 * {@code GET /api/v1/iocs/stix}: one page of current IOC versions as a STIX 2.1 bundle (or bare object array),
 * ascending by {@code (modified, id)}, with a {@code Link: rel="next"} continuation while more remain.
 */
final class StixBundleRoute {
    static final String PATH = "/api/v1/iocs/stix";
    static final String STIX_MEDIA_TYPE = "application/stix+json;version=2.1";
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;
    private static final String CURSOR_KIND = "bundle";

    private final IocStore store;
    private final StixRenderer renderer;
    private final Authenticator authenticator;
    private final ModifiedCursors cursors;
    private final Clock clock;
    private final int greenThreshold;
    private final @Nullable String publicUrl;

    StixBundleRoute(IocStore store, StixRenderer renderer, Authenticator authenticator, CursorCodec cursors,
            Clock clock, int greenThreshold, @Nullable String publicUrl) {
        this.store = store;
        this.renderer = renderer;
        this.authenticator = authenticator;
        this.cursors = new ModifiedCursors(cursors, CURSOR_KIND, "take the next URL from the Link header as given");
        this.clock = clock;
        this.greenThreshold = greenThreshold;
        this.publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
    }

    void handle(Context ctx) throws IOException {
        Principal principal = authenticator.require(ctx, Scope.READ_STIX);
        MediaTypes.requireAcceptable(ctx, MediaTypes.STIX_ACCEPTED);
        Request request = parse(new QueryParams(ctx));

        Visibility visibility = principal.visibility(clock.instant(), greenThreshold);
        Instant since = request.since().filter(s -> s.isAfter(visibility.lookbackStart()))
                .orElse(visibility.lookbackStart());
        ModifiedQuery query = new ModifiedQuery(request.types(), since, request.cursor(), visibility,
                request.limit() + 1);
        List<StoredIoc> rows = new ArrayList<>(store.listByModified(query));
        boolean more = rows.size() > request.limit();
        if (more) {
            rows.subList(request.limit(), rows.size()).clear();
            ctx.header("Link", "<" + nextUrl(ctx, request, rows.get(rows.size() - 1)) + ">; rel=\"next\"");
        }

        ctx.status(200);
        ctx.contentType(STIX_MEDIA_TYPE);
        OutputStream out = ctx.outputStream();
        if (request.objectsOnly()) {
            renderer.writeObjectsArray(out, rows, request.options());
        } else {
            renderer.writeBundle(out, rows, request.options(), "bundle--" + UUID.randomUUID());
        }
        out.flush();
    }

    private Request parse(QueryParams params) {
        Set<IocType> types = params.single("type")
                .map(text -> Set.of(IocType.fromApiName(text).orElseThrow(() -> ApiException.badParameter(
                        "type", text, "expected one of " + IocType.apiNames()))))
                .orElse(Set.of());
        Optional<Instant> since = params.instant("since");
        int limit = params.limit("limit", DEFAULT_LIMIT, MAX_LIMIT);
        boolean objectsOnly = params.single("format").map(format -> switch (format) {
            case "bundle" -> false;
            case "objects" -> true;
            default -> throw ApiException.badParameter("format", format, "expected bundle or objects");
        }).orElse(false);
        boolean identity = params.bool("include_identity", true);
        boolean markings = params.bool("include_markings", true);
        Tlp tlp = params.single("tlp").map(text -> Tlp.parse(text).orElseThrow(() -> ApiException.badParameter(
                "tlp", text, "expected clear, green, amber, amber+strict or red"))).orElse(null);
        ModifiedQuery.Cursor cursor = params.single("cursor").map(cursors::decode).orElse(null);
        return new Request(types, since, limit, objectsOnly, new RenderOptions(identity, markings, tlp), cursor,
                params);
    }

    private String nextUrl(Context ctx, Request request, StoredIoc last) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : List.of("type", "since", "limit", "format", "include_identity", "include_markings",
                "tlp")) {
            request.params().single(name).ifPresent(value -> query.put(name, value));
        }
        query.put("cursor", cursors.after(last));
        // NOTE: without a configured public URL the link repeats the scheme and Host header of the request, which
        // is wrong behind a proxy that terminates TLS; set IOCD_PUBLIC_URL there.
        String base = publicUrl == null ? ctx.url() : publicUrl + PATH;
        StringBuilder url = new StringBuilder(base).append('?');
        query.forEach((name, value) -> url.append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        url.setLength(url.length() - 1);
        return url.toString();
    }

    private record Request(Set<IocType> types, Optional<Instant> since, int limit, boolean objectsOnly,
            RenderOptions options, ModifiedQuery.Cursor cursor, QueryParams params) {
    }
}
