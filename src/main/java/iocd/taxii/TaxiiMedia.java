package iocd.taxii;

import io.javalin.http.Context;
import iocd.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Content negotiation for TAXII 2.1: the TAXII media type in Accept, and in Content-Type on POST. */
final class TaxiiMedia {
    static final String TAXII = "application/taxii+json;version=2.1";
    static final String STIX = "application/stix+json;version=2.1";
    private static final String TAXII_BARE = "application/taxii+json";

    private TaxiiMedia() {
    }

    /**
     * Sends a JSON body with the TAXII media type, encoded as UTF-8. The media type has no charset parameter, so a
     * body set as text would be encoded in the servlet default, ISO-8859-1, which turns non-Latin-1 characters into
     * '?' and other non-ASCII ones into bytes that are not UTF-8.
     */
    static void send(Context ctx, int status, String json) {
        ctx.status(status);
        ctx.contentType(TAXII);
        ctx.result(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Accepts a missing Accept header, wildcards, and {@code application/taxii+json} with version 2.1 or without a
     * version (which means the latest the server supports). A range with {@code q=0} is refused by the client.
     *
     * @throws ApiException 406 when no media range allows the TAXII 2.1 type
     */
    static void requireAcceptable(Context ctx) {
        String header = ctx.header("Accept");
        if (header == null || header.isBlank()) {
            return;
        }
        for (String range : header.split(",")) {
            if (acceptable(range)) {
                return;
            }
        }
        throw new ApiException(406, "not_acceptable", String.format(Locale.ROOT,
                "cannot produce any media type in Accept '%s'; TAXII endpoints produce %s", shorten(header), TAXII));
    }

    /**
     * Accepts {@code application/taxii+json} with version 2.1 or no version, and any {@code charset}.
     *
     * @throws ApiException 415 otherwise, also when Content-Type is missing
     */
    static void requireTaxiiContent(Context ctx) {
        String header = ctx.header("Content-Type");
        if (header != null) {
            String[] parts = header.split(";");
            if (parts[0].strip().toLowerCase(Locale.ROOT).equals(TAXII_BARE) && versionIs21(parts)) {
                return;
            }
        }
        throw new ApiException(415, "unsupported_media_type", String.format(Locale.ROOT,
                "request body of type '%s' is not supported; send a TAXII envelope as %s",
                header == null ? "(none)" : shorten(header), TAXII));
    }

    private static boolean acceptable(String range) {
        String[] parts = range.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (qualityIsZero(parts)) {
            return false;
        }
        if (type.equals("*/*") || type.equals("application/*")) {
            return true;
        }
        return type.equals(TAXII_BARE) && versionIs21(parts);
    }

    private static boolean versionIs21(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("version=")) {
                return parameter.substring("version=".length()).strip().replace("\"", "").equals("2.1");
            }
        }
        return true;
    }

    private static boolean qualityIsZero(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                return parameter.substring(2).strip().matches("0(\\.0{0,3})?");
            }
        }
        return false;
    }

    private static String shorten(String header) {
        return Echo.printable(header);
    }
}
