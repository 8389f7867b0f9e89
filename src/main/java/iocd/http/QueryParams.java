package iocd.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Strict parsing of query parameters: a value that does not parse is a 400 naming parameter and value. */
final class QueryParams {
    private final Context ctx;

    QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    /** The parameter's value, or empty when absent. Repeating the parameter is an error, not a silent pick. */
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

    /** A positive integer; values above {@code cap} are lowered to it. */
    int limit(String name, int fallback, int cap) {
        Optional<String> value = single(name);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = value.get();
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badParameter(name, text, "expected a positive integer (at most " + cap + " is used)");
        }
        long parsed = Long.parseLong(text);
        if (parsed < 1) {
            throw ApiException.badParameter(name, text, "expected a positive integer (at most " + cap + " is used)");
        }
        return (int) Math.min(parsed, cap);
    }

    /**
     * An ISO 8601 time: {@code 2026-05-15T00:00:00Z}, with an offset such as {@code +02:00}, with any fraction, or a
     * date alone ({@code 2026-05-15}, meaning midnight UTC).
     */
    Optional<Instant> instant(String name) {
        Optional<String> value = single(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().strip();
        try {
            if (text.length() == 10) {
                return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, text,
                    "expected an ISO 8601 time such as 2026-05-15T00:00:00Z or a date such as 2026-05-15");
        }
    }
}
