package iocd.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an API key from a request: {@code Authorization: Bearer <key>}, {@code Authorization: Token <key>},
 * HTTP Basic with the key as password (any user name), or {@code X-API-Key: <key>}.
 */
public final class Credentials {
    private Credentials() {
    }

    /**
     * Returns the key the request carries, or empty when it carries none.
     *
     * @throws ApiException 401 when a header is present but malformed, or two headers carry different keys
     */
    public static Optional<String> extract(Context ctx) {
        Optional<String> fromAuthorization = fromAuthorization(ctx.header("Authorization"));
        String apiKeyHeader = ctx.header("X-API-Key");
        Optional<String> fromHeader = apiKeyHeader == null ? Optional.empty() : Optional.of(apiKeyHeader.strip());
        if (fromHeader.isPresent() && fromHeader.get().isEmpty()) {
            throw ApiException.unauthorized("the X-API-Key header is empty; send the API key as its value");
        }
        if (fromAuthorization.isPresent() && fromHeader.isPresent()
                && !fromAuthorization.get().equals(fromHeader.get())) {
            throw ApiException.unauthorized(
                    "the Authorization and X-API-Key headers carry different keys; send one of them");
        }
        return fromAuthorization.isPresent() ? fromAuthorization : fromHeader;
    }

    private static Optional<String> fromAuthorization(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            throw malformed();
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        String credentials = value.substring(space + 1).strip();
        if (credentials.isEmpty()) {
            throw malformed();
        }
        return switch (scheme) {
            case "bearer", "token" -> Optional.of(credentials);
            case "basic" -> Optional.of(basicPassword(credentials));
            default -> throw ApiException.unauthorized(String.format(Locale.ROOT,
                    "unsupported authorization scheme '%s'; use Bearer, Token or Basic with the API key",
                    ApiException.printable(scheme.length() > 20 ? scheme.substring(0, 20) : scheme)));
        };
    }

    private static String basicPassword(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("the Basic credentials are not valid base64; send base64(user:apikey)");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || colon == decoded.length() - 1) {
            throw ApiException.unauthorized(
                    "the Basic credentials carry no password; send the API key as the password (any user name)");
        }
        return decoded.substring(colon + 1);
    }

    private static ApiException malformed() {
        return ApiException.unauthorized(
                "malformed Authorization header; expected 'Bearer <key>', 'Token <key>' or 'Basic <base64(user:key)>'");
    }
}
