package iocd.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import iocd.IocdException;
import iocd.auth.ApiKeys;
import iocd.auth.Principal;
import iocd.auth.RateLimiter;
import iocd.ioc.InvalidIocException;
import iocd.stix.StixRenderer;
import iocd.store.CursorCodec;
import iocd.store.IocStore;
import iocd.store.StoreUnavailableException;
import iocd.taxii.TaxiiErrors;
import iocd.taxii.TaxiiRoutes;
import iocd.taxii.TaxiiSettings;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iocd web server: REST v1, TAXII 2.1 and health routes on an embedded Jetty through Javalin. Construct, then
 * {@link #start(String, int)}; {@link #stop()} releases the port. The store stays open: its owner closes it.
 */
public final class IocdServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IocdServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("iocd.access");

    private final Javalin app;

    /**
     * @param store          the IOC store
     * @param keys           API key checks
     * @param renderer       STIX renderer
     * @param clock          time source for lookback windows and rate limits
     * @param greenThreshold confidence at or above which unmarked IOCs count as TLP:GREEN
     * @param maxBodyBytes   largest request body accepted
     */
    public IocdServer(IocStore store, ApiKeys keys, StixRenderer renderer, Clock clock, int greenThreshold,
            long maxBodyBytes) {
        Authenticator authenticator = new Authenticator(keys, new RateLimiter(clock));
        CursorCodec cursors = CursorCodec.forStore(store);
        StixBundleRoute bundle = new StixBundleRoute(store, renderer, authenticator, cursors, clock, greenThreshold);
        IocRoutes iocs = new IocRoutes(store, authenticator, cursors, clock, greenThreshold);
        KeyRoutes keyRoutes = new KeyRoutes(keys, authenticator);
        TaxiiRoutes taxii = new TaxiiRoutes(store, renderer, authenticator, cursors, clock, greenThreshold,
                maxBodyBytes, TaxiiSettings.DEFAULTS);

        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = maxBodyBytes;
            config.router.ignoreTrailingSlashes = true;
            config.requestLogger.http(IocdServer::logAccess);

            config.routes.get(StixBundleRoute.PATH, bundle::handle);
            config.routes.get(IocRoutes.PATH, iocs::search);
            config.routes.post(IocRoutes.PATH, iocs::submit);
            config.routes.get(IocRoutes.PATH + "/{id}", iocs::get);
            config.routes.delete(IocRoutes.PATH + "/{id}", iocs::revoke);
            config.routes.get(KeyRoutes.PATH, keyRoutes::list);
            config.routes.post(KeyRoutes.PATH, keyRoutes::create);
            config.routes.delete(KeyRoutes.PATH + "/{id}", keyRoutes::revoke);
            taxii.register(config.routes);
            config.routes.get("/healthz", ctx -> ctx.json(java.util.Map.of("status", "ok")));
            config.routes.get("/readyz", ctx -> ready(ctx, store));

            config.routes.exception(ApiException.class, (e, ctx) -> sendError(ctx, e.status(), e.code(),
                    e.getMessage()));
            config.routes.exception(InvalidIocException.class, (e, ctx) -> sendError(ctx, 400, e.code(),
                    e.getMessage()));
            config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
                LOG.error("Store unavailable while serving {} {}: {}", ctx.method(), ctx.path(), e.getMessage(), e);
                ctx.header("Retry-After", "5");
                sendError(ctx, 503, e.code(), "the database is unavailable; retry shortly");
            });
            config.routes.exception(IocdException.class, (e, ctx) -> sendError(ctx, 400, e.code(),
                    e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Unexpected failure serving {} {}", ctx.method(), ctx.path(), e);
                sendError(ctx, 500, "internal_error", "internal error; the server log has the details");
            });
            config.routes.error(404, ctx -> {
                String contentType = ctx.res().getContentType();
                boolean restBodyMissing = !TaxiiErrors.isTaxiiPath(ctx.path())
                        && (contentType == null || !contentType.startsWith("application/json"));
                if (restBodyMissing || TaxiiErrors.needsErrorResource(ctx)) {
                    sendError(ctx, 404, "not_found", "no such endpoint: " + ApiException.printable(ctx.path()));
                }
            });
            config.routes.error(405, ctx -> sendError(ctx, 405, "method_not_allowed",
                    ctx.method() + " is not allowed on " + ApiException.printable(ctx.path())));
        });
    }

    /** Starts listening; port 0 picks a free port (see {@link #port()}). */
    public IocdServer start(String host, int port) {
        app.start(host, port);
        LOG.info("iocd listening on http://{}:{}", host, app.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** Sends the REST error body {@code {code, message}}, or the TAXII error resource on TAXII paths. */
    private static void sendError(Context ctx, int status, String code, String message) {
        if (TaxiiErrors.isTaxiiPath(ctx.path())) {
            TaxiiErrors.send(ctx, status, code, message);
        } else {
            ErrorBodies.send(ctx, status, code, message);
        }
    }

    private static void ready(Context ctx, IocStore store) {
        try {
            store.ping();
            ctx.json(java.util.Map.of("status", "ready"));
        } catch (StoreUnavailableException e) {
            ErrorBodies.send(ctx, 503, "not_ready", "the database is not reachable");
        }
    }

    /** One line per request; never the query string's secrets or any header value. */
    private static void logAccess(Context ctx, Float millis) {
        Principal principal = ctx.attribute(Authenticator.PRINCIPAL_ATTRIBUTE);
        ACCESS.info(String.format(Locale.ROOT, "%s %s %d %.1fms key=%s", ctx.method(),
                ApiException.printable(ctx.path()), ctx.statusCode(), millis,
                principal == null ? "-" : principal.key().id()));
    }
}
