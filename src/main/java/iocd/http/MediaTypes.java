package iocd.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/** Accept-header checks. A missing Accept header, or one with a wildcard, accepts anything. */
final class MediaTypes {
    static final List<String> STIX_ACCEPTED = List.of("application/stix+json", "application/json",
            "application/vnd.oasis.stix+json");
    static final List<String> JSON_ACCEPTED = List.of("application/json");

    private MediaTypes() {
    }

    /**
     * Checks that at least one media range of the Accept header matches one of {@code accepted} (ignoring
     * parameters other than a {@code version} that is not 2.1).
     *
     * @throws ApiException 406 when none does
     */
    static void requireAcceptable(Context ctx, List<String> accepted) {
        String header = ctx.header("Accept");
        if (header == null || header.isBlank()) {
            return;
        }
        for (String range : header.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (type.equals("*/*") || type.equals("application/*")) {
                return;
            }
            if (accepted.contains(type) && versionMatches(parts)) {
                return;
            }
        }
        throw new ApiException(406, "not_acceptable", String.format(Locale.ROOT,
                "cannot produce any media type in Accept '%s'; this endpoint produces %s",
                ApiException.printable(header.length() > 200 ? header.substring(0, 200) : header),
                accepted.get(0) + (accepted.get(0).startsWith("application/stix") ? ";version=2.1" : "")));
    }

    private static boolean versionMatches(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("version=")) {
                return parameter.substring("version=".length()).strip().replace("\"", "").equals("2.1");
            }
        }
        return true;
    }
}
