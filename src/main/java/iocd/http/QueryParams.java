package iocd.http;

import io.javalin.http.Context;
import iocd.ioc.Ioc;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Strict parsing of query parameters: a value that does not parse is a 400 naming parameter and value. */
public final class QueryParams {
    private final Context ctx;

    /**
     * @throws ApiException 400 when the query string has a malformed percent escape or encodes bytes that are not
     *                      UTF-8; the servlet layer would otherwise drop or mangle that parameter silently
     */
    QueryParams(Context ctx) {
        this.ctx = ctx;
        requireWellFormed(ctx.queryString());
    }

    /**
     * Checks that every name and value in a raw query string is well-formed percent-encoded UTF-8. The servlet layer
     * drops or mangles a parameter that is not, so a filter in it would be silently ignored.
     *
     * @param query the query string as the client sent it, still percent-encoded; null when the URI has none
     * @throws ApiException 400 naming the first parameter that does not decode
     */
    public static void requireWellFormed(@Nullable String query) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            if (!decodesToUtf8(name) || !decodesToUtf8(value)) {
                String shownName = decodesToUtf8(name) ? java.net.URLDecoder.decode(name, StandardCharsets.UTF_8)
                        : "(undecodable name)";
                throw new ApiException(400, "invalid_parameter", String.format(Locale.ROOT,
                        "parameter '%s' is not valid percent-encoded UTF-8; encode each byte as %%XX with two hex "
                                + "digits and send UTF-8 text", ApiException.printable(abbreviate(shownName))));
            }
        }
    }

    private static boolean decodesToUtf8(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '%') {
                plain.append(c);
                continue;
            }
            int high = i + 1 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
            int low = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                return false;
            }
            bytes.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
            plain.setLength(0);
            bytes.write(high * 16 + low);
            i += 2;
        }
        bytes.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    /** Returns the parameter's value, or empty when absent. A repeated parameter is rejected, not silently picked. */
    Optional<String> single(String name) {
        List<String> values = ctx.queryParams(name);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new ApiException(400, "invalid_parameter", String.format(Locale.ROOT,
                    "parameter '%s' is given %d times; give it once", name, values.size()));
        }
        String value = values.get(0);
        if (value.indexOf('\0') >= 0) {
            throw ApiException.badParameter(name, value, "NUL characters are not allowed");
        }
        return Optional.of(value);
    }

    boolean bool(String name, boolean fallback) {
        Optional<String> value = single(name);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badParameter(name, value.get(), "expected true or false");
        };
    }

    /** Parses a positive integer and lowers values above {@code cap} to it. */
    int limit(String name, int fallback, int cap) {
        Optional<String> value = single(name);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = value.get();
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badParameter(name, text, "expected a positive integer (at most " + cap + " is used)");
        }
        // Any run of digits is a number: values too long for a long are above the cap as well.
        String digits = text.replaceFirst("^0+(?=.)", "");
        long parsed = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (parsed < 1) {
            throw ApiException.badParameter(name, text, "expected a positive integer (at most " + cap + " is used)");
        }
        return (int) Math.min(parsed, cap);
    }

    /**
     * Parses an ISO 8601 time: {@code 2026-05-15T00:00:00Z}, with an offset such as {@code +02:00}, with any fraction, or a
     * date alone ({@code 2026-05-15}, meaning midnight UTC).
     */
    Optional<Instant> instant(String name) {
        Optional<String> value = single(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().strip();
        Instant instant;
        try {
            if (text.length() == 10) {
                instant = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, text,
                    "expected an ISO 8601 time such as 2026-05-15T00:00:00Z or a date such as 2026-05-15");
        }
        if (!Ioc.isStixTime(instant)) {
            throw ApiException.badParameter(name, text, "the time must fall in the years 0001 to 9999");
        }
        return Optional.of(instant);
    }
}
