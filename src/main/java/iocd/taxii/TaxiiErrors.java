package iocd.taxii;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The TAXII 2.1 error resource: {@code title}, {@code description}, {@code error_code} and {@code http_status}
 * (a string equal to the response status), sent with the TAXII media type.
 */
public final class TaxiiErrors {
    private static final JsonFactory JSON = new JsonFactory();

    private TaxiiErrors() {
    }

    /** True for every path under the TAXII discovery path, so errors there use the TAXII error resource. */
    public static boolean isTaxiiPath(String path) {
        return path.equals(TaxiiRoutes.DISCOVERY) || path.startsWith(TaxiiRoutes.DISCOVERY + "/");
    }

    /**
     * True on a TAXII path whose response is not yet a TAXII error resource, such as the plain text body the web
     * framework writes for a path no route matches.
     */
    public static boolean needsErrorResource(Context ctx) {
        String contentType = ctx.res().getContentType();
        return isTaxiiPath(ctx.path()) && (contentType == null || !contentType.startsWith("application/taxii+json"));
    }

    /**
     * Sends an error resource. A 401 also carries the Basic challenge, because Basic is the scheme every TAXII
     * client implements.
     *
     * @param status      HTTP status, 400 to 599
     * @param code        stable machine-readable code, for example {@code invalid_parameter}
     * @param description what went wrong and how to fix it; shown to the client as is
     */
    public static void send(Context ctx, int status, String code, String description) {
        StringWriter body = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject();
            json.writeStringField("title", title(status));
            json.writeStringField("description", description);
            json.writeStringField("error_code", code);
            json.writeStringField("http_status", Integer.toString(status));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Basic realm=\"iocd\"");
        }
        TaxiiMedia.send(ctx, status, body.toString());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Authentication required";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 408 -> "Request timeout";
            case 413 -> "Content too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Unprocessable content";
            case 429 -> "Too many requests";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Internal server error" : "Request failed";
        };
    }
}
