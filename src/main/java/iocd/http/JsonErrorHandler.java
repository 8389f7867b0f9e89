package iocd.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Writes Jetty's own rejections (a URI or headers too large, a path Jetty refuses as ambiguous or not UTF-8) as
 * the REST error body instead of Jetty's HTML page, so clients get {@code {"code", "message"}} for every 4xx.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final JsonFactory JSON = new JsonFactory();

    /** Jetty writes error bodies for GET, POST and HEAD only; REST clients need one for DELETE too. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject();
            json.writeStringField("code", code(status));
            json.writeStringField("message", message(status, message));
            json.writeEndObject();
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.toByteArray()), callback);
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
