package iocd.http;

import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import iocd.IocdException;
import iocd.auth.ApiKeys;
import iocd.auth.Principal;
import iocd.auth.RateLimiter;
import iocd.ioc.InvalidIocException;
import iocd.stix.StixRenderer;
import iocd.store.CursorCodec;
import iocd.store.InvalidDataException;
import iocd.store.IocStore;
import iocd.store.StoreUnavailableException;
import iocd.taxii.TaxiiErrors;
import iocd.taxii.TaxiiRoutes;
import iocd.taxii.TaxiiSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iocd web server: REST v1, TAXII 2.1 and health routes on an embedded Jetty through Javalin. Construct, then
 * {@link #start(String, int)}; {@link #stop()} releases the port. The store stays open: its owner closes it.
 */
public final class IocdServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IocdServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("iocd.access");

    private static final Pattern KEY_SHAPE = Pattern.compile(Pattern.quote(ApiKeys.PREFIX) + "[A-Za-z0-9_%-]*");

    private final Javalin app;
    private final Metrics metrics = new Metrics();

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
        this(store, keys, renderer, clock, greenThreshold, ServerLimits.withBodyLimit(maxBodyBytes));
    }

    /**
     * @param store          the IOC store
     * @param keys           API key checks
     * @param renderer       STIX renderer
     * @param clock          time source for lookback windows and rate limits
     * @param greenThreshold confidence at or above which unmarked IOCs count as TLP:GREEN
     * @param limits         body size and idle timeout
     */
    public IocdServer(IocStore store, ApiKeys keys, StixRenderer renderer, Clock clock, int greenThreshold,
            ServerLimits limits) {
        this(store, keys, renderer, clock, greenThreshold, limits, null);
    }

    /**
     * @param store          the IOC store
     * @param keys           API key checks
     * @param renderer       STIX renderer
     * @param clock          time source for lookback windows and rate limits
     * @param greenThreshold confidence at or above which unmarked IOCs count as TLP:GREEN
     * @param limits         body size and idle timeout
     * @param publicUrl      base URL clients reach the server at (for example behind a TLS proxy), used in
     *                       {@code Link} headers; null to use the scheme and host of each request
     */
    public IocdServer(IocStore store, ApiKeys keys, StixRenderer renderer, Clock clock, int greenThreshold,
            ServerLimits limits, @Nullable String publicUrl) {
        Authenticator authenticator = new Authenticator(keys, RateLimiter.forStore(store, clock),
                new FailedAuthentications(clock, limits.authFailuresPerMinute()));
        CursorCodec cursors = CursorCodec.forStore(store);
        StixBundleRoute bundle = new StixBundleRoute(store, renderer, authenticator, cursors, clock, greenThreshold,
                publicUrl);
        IocRoutes iocs = new IocRoutes(store, authenticator, cursors, clock, greenThreshold, limits.maxBodyBytes(),
                metrics);
        KeyRoutes keyRoutes = new KeyRoutes(keys, authenticator, limits.maxBodyBytes());
        TaxiiRoutes taxii = new TaxiiRoutes(store, renderer, authenticator, cursors, clock, greenThreshold,
                limits.maxBodyBytes(), TaxiiSettings.DEFAULTS, metrics);

        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = limits.maxBodyBytes();
            config.router.ignoreTrailingSlashes = true;
            config.http.prefer405over404 = true;
            config.requestLogger.http(this::logAccess);
            config.jetty.modifyServer(server -> {
                applyIdleTimeout(server, limits.idleTimeout());
                server.setErrorHandler(new JsonErrorHandler());
            });
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));

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
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape(store)));

            config.routes.exception(ApiException.class, (e, ctx) -> sendError(ctx, e.status(), e.code(),
                    e.getMessage()));
            config.routes.exception(BodyTimeoutException.class, (e, ctx) -> sendTimeout(ctx, e,
                    limits.idleTimeout()));
            config.routes.exception(InvalidIocException.class, (e, ctx) -> sendError(ctx, 400, e.code(),
                    e.getMessage()));
            config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
                // One line per failed request: during an outage every request fails the same way, and a stack
                // trace each would bury the log. The trace is logged at debug level.
                LOG.error("Store unavailable while serving {} {}: {}", ctx.method(), loggablePath(ctx),
                        e.getMessage());
                LOG.debug("Store failure behind {} {}", ctx.method(), loggablePath(ctx), e);
                ctx.header("Retry-After", "5");
                sendError(ctx, 503, e.code(), "the database is unavailable; retry shortly");
            });
            config.routes.exception(InvalidDataException.class, (e, ctx) -> {
                // Logged because the input checks should have caught the value. A client error, not an outage,
                // because the same request fails again however often it is retried.
                LOG.warn("The database rejected a value while serving {} {}: {}", ctx.method(), loggablePath(ctx),
                        e.getMessage());
                sendError(ctx, 422, e.code(), e.getMessage());
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> sendHttpError(ctx, e, limits));
            config.routes.exception(IocdException.class, (e, ctx) -> sendError(ctx, 400, e.code(),
                    e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Unexpected failure serving {} {}", ctx.method(), loggablePath(ctx), e);
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
    /**
     * Starts listening on {@code host} and {@code port}.
     *
     * @throws IocdException {@code port_in_use} when another process uses the port
     */
    public IocdServer start(String host, int port) {
        try {
            app.start(host, port);
        } catch (JavalinBindException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof java.net.BindException && String.valueOf(cause.getMessage()).contains("in use")) {
                throw new IocdException("port_in_use", String.format(Locale.ROOT,
                        "cannot listen on %s:%d because another process uses that port; stop it or pass --port with "
                                + "a free port (0 picks one)", host, port), e);
            }
            String reason = cause instanceof java.nio.channels.UnresolvedAddressException
                    ? "the address does not resolve" : String.valueOf(cause.getMessage());
            throw new IocdException("listen_failed", String.format(Locale.ROOT,
                    "cannot listen on %s:%d: %s; pass --host with an address of this machine, such as 127.0.0.1 "
                            + "or 0.0.0.0", host, port, reason), e);
        }
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

    /**
     * Sends the REST error body {@code {code, message}}, or the TAXII error resource on TAXII paths, after dropping
     * what is left of the request body.
     */
    private static void sendError(Context ctx, int status, String code, String message) {
        RequestBodies.discardUnread(ctx);
        sendErrorBody(ctx, status, code, message);
    }

    /**
     * Sends 408 for a request whose body stopped arriving. The rest of the body is not read first: the client
     * sent nothing for the idle timeout, so reading would only wait for another one.
     */
    private static void sendTimeout(Context ctx, BodyTimeoutException e, Duration idleTimeout) {
        LOG.debug("The body of {} {} stopped arriving: {}", ctx.method(), loggablePath(ctx),
                String.valueOf(e.getCause()));
        long millis = idleTimeout.toMillis();
        String timeout = millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
        sendErrorBody(ctx, 408, e.code(), String.format(Locale.ROOT,
                "the request body stopped arriving: no data came for %s, the server's idle timeout; "
                        + "resend the whole request", timeout));
    }

    private static void sendErrorBody(Context ctx, int status, String code, String message) {
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

    /** Returns the server's metrics, for components that merge IOCs outside the REST routes. */
    public Metrics metrics() {
        return metrics;
    }

    /**
     * Sets the idle timeout on every connector once Javalin has added them, just before Jetty starts. A connection
     * that sends or reads nothing for that long is closed, whether it is between requests or stalled mid-request.
     */
    private static void applyIdleTimeout(Server server, Duration idleTimeout) {
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof AbstractConnector network) {
                        network.setIdleTimeout(idleTimeout.toMillis());
                    }
                }
            }
        });
    }

    /**
     * Javalin signals some rejections (an unknown path, its own body limit) with an exception that the catch-all
     * mapper would otherwise turn into a 500; they get the REST error body with their status instead.
     */
    private static void sendHttpError(Context ctx, HttpResponseException e, ServerLimits limits) {
        String path = loggablePath(ctx);
        switch (e.getStatus()) {
            case 404 -> sendError(ctx, 404, "not_found", "no such endpoint: " + path);
            case 405 -> sendError(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + path);
            case 413 -> sendError(ctx, 413, "body_too_large",
                    RequestBodies.tooLarge(limits.maxBodyBytes()).getMessage());
            default -> sendError(ctx, e.getStatus(), "http_" + e.getStatus(),
                    e.getMessage() == null || e.getMessage().isBlank() ? "request rejected" : e.getMessage());
        }
    }

    /** Records metrics and logs one line per request with the key's id, never the query, a header or the key. */
    private void logAccess(Context ctx, Float millis) {
        metrics.recordRequest(ctx.method().name(), routeTemplate(ctx), ctx.statusCode(), millis / 1000.0);
        Principal principal = ctx.attribute(Authenticator.PRINCIPAL_ATTRIBUTE);
        ACCESS.info(String.format(Locale.ROOT, "%s %s %d %.1fms key=%s", ctx.method(),
                loggablePath(ctx), ctx.statusCode(), millis,
                principal == null ? "-" : principal.key().id()));
    }

    /** Returns the request path with control characters escaped and key-shaped text masked. */
    private static String loggablePath(Context ctx) {
        return redactKeys(ApiException.printable(ctx.path()));
    }

    /** Masks anything shaped like an API key, because a misconfigured client may put its key in the path. */
    static String redactKeys(String text) {
        return KEY_SHAPE.matcher(text).replaceAll(ApiKeys.PREFIX + "(redacted)");
    }

    /** Returns the matched route's template, such as {@code /api/v1/iocs/{id}}, or {@code unmatched}. */
    private static String routeTemplate(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
