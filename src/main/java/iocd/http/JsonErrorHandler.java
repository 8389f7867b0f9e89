package iocd.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import iocd.taxii.TaxiiErrors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Writes Jetty's own rejections (a URI or headers too large, a path Jetty refuses as ambiguous or not UTF-8) as
 * the REST error body (or the TAXII error resource under {@code /taxii2}) instead of Jetty's HTML page, so every
 * 4xx carries a JSON body a client can read. A request Jetty cannot parse at all, such as one with a NUL byte in
 * its path, has no usable path, so it always gets the REST body.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final JsonFactory JSON = new JsonFactory();
    /** Jetty 12's reasons for rejecting a request's Host header, in the client's terms. */
    private static final Map<String, String> HOST_PROBLEMS = Map.of(
            "Bad HostPort", "invalid Host header",
            "No Host", "missing Host header",
            "Duplicate Host Header", "more than one Host header");

    /** Jetty writes error bodies for GET, POST and HEAD only; REST clients need one for DELETE too. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) throws IOException {
        boolean taxii = TaxiiErrors.isTaxiiPath(rawPath(request.getHttpURI().asString()));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject();
            if (taxii) {
                // The TAXII 2.1 error resource, as TaxiiErrors writes it for errors inside the routes.
                json.writeStringField("title", "HTTP " + status);
                json.writeStringField("description", message(status, message));
                json.writeStringField("error_code", code(status));
                json.writeStringField("http_status", Integer.toString(status));
            } else {
                json.writeStringField("code", code(status));
                json.writeStringField("message", message(status, message));
            }
            json.writeEndObject();
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE,
                taxii ? "application/taxii+json;version=2.1" : "application/json");
        response.write(true, ByteBuffer.wrap(body.toByteArray()), callback);
    }

    /**
     * Returns the path as the client sent it, cut from the full URI. Jetty's decoded path is unusable when decoding
     * failed, which is exactly when this handler runs.
     */
    private static String rawPath(String uri) {
        int authority = uri.indexOf("://");
        int start = authority < 0 ? 0 : uri.indexOf('/', authority + 3);
        if (start < 0) {
            return "";
        }
        int end = uri.length();
        for (char stop : new char[] {'?', '#', ';'}) {
            int at = uri.indexOf(stop, start);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return uri.substring(start, end);
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> "http_" + status;
        };
    }

    private static String message(int status, String reason) {
        String hostProblem = reason == null ? null : HOST_PROBLEMS.get(reason);
        if (hostProblem != null) {
            return String.format(Locale.ROOT, "%s (HTTP %d); send one Host header with the server's host name or "
                    + "address, optionally followed by a port", hostProblem, status);
        }
        String detail = reason == null || reason.isBlank() ? "request rejected" : ApiException.printable(reason);
        String advice = switch (status) {
            case 414 -> "; shorten the query string";
            case 431 -> "; send smaller headers";
            case 400 -> "; check the path and query for invalid percent-encoding, NUL bytes or '..' segments";
            default -> "";
        };
        return String.format(Locale.ROOT, "%s (HTTP %d)%s", detail, status, advice);
    }
}
