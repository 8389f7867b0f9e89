package iocd.taxii;

import io.javalin.http.Context;
import iocd.http.ApiException;
import iocd.http.QueryParams;
import iocd.ioc.IocType;
import iocd.store.VersionFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Strict reading of the TAXII query parameters (TAXII 2.1 section 3.4). Every malformed value, and every parameter
 * given more than once, is a 400 that names the parameter.
 */
final class TaxiiParams {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;
    /** Caps that keep every continuation token within the size the cursor codec accepts. */
    static final int MAX_IDS = 16;
    static final int MAX_EXACT_VERSIONS = 8;

    private static final List<String> KNOWN = List.of("added_after", "limit", "next", "match[id]", "match[type]",
            "match[version]", "match[spec_version]");
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern SPEC_VERSION = Pattern.compile("\\d{1,3}\\.\\d{1,3}");
    private static final Pattern STIX_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,249}");

    private final Context ctx;

    /**
     * @throws ApiException 400 when a filter is given twice or contains NUL, and when any parameter, known or not, is
     *                      not well-formed percent-encoded UTF-8, because an unreadable name may be a filter
     */
    TaxiiParams(Context ctx) {
        this.ctx = ctx;
        QueryParams.requireWellFormed(ctx.queryString());
        for (String name : KNOWN) {
            single(name);
        }
    }

    /** {@code limit}, or empty when absent. */
    Optional<Integer> limit() {
        return single("limit").map(text -> {
            if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Long.parseLong(text) < 1) {
                throw ApiException.badParameter("limit", Echo.printable(text),
                        "expected a positive integer (at most " + MAX_LIMIT + " is used)");
            }
            return (int) Math.min(Long.parseLong(text), MAX_LIMIT);
        });
    }

    Optional<String> next() {
        return single("next").filter(token -> !token.isEmpty());
    }

    /**
     * Reads the filters of a collection-wide request ({@code objects/}, {@code manifest/}).
     *
     * @param collectionTypes the IOC types of the collection
     */
    TaxiiFilter collectionFilter(Set<IocType> collectionTypes) {
        Set<IocType> types = EnumSet.copyOf(collectionTypes);
        boolean nothing = !specVersionMatches();
        Optional<Set<String>> stixTypes = list("match[type]").map(this::stixTypes);
        if (stixTypes.isPresent()) {
            types.removeIf(type -> !stixTypes.get().contains(type.stixType()));
        }
        Set<StixId> ids = new HashSet<>();
        Optional<List<String>> idTexts = list("match[id]");
        if (idTexts.isPresent()) {
            ids = ids(idTexts.get());
            Set<String> idTypes = new HashSet<>();
            ids.forEach(id -> idTypes.add(id.stixType()));
            types.removeIf(type -> !idTypes.contains(type.stixType()));
        }
        nothing |= types.isEmpty();
        return new TaxiiFilter(nothing ? Set.of() : types, ids, addedAfter(), versions(VersionFilter.LAST), nothing);
    }

    /**
     * Reads the filters of an object request: the object itself, {@code added_after}, the given versions and
     * {@code match[spec_version]}.
     */
    TaxiiFilter objectFilter(StixId id, Set<IocType> collectionTypes, VersionFilter versions) {
        Set<IocType> types = EnumSet.copyOf(collectionTypes);
        types.retainAll(id.iocTypes());
        boolean nothing = !specVersionMatches() || types.isEmpty();
        return new TaxiiFilter(nothing ? Set.of() : types, Set.of(id), addedAfter(), versions, nothing);
    }

    /** Reads the versions a request selects. DELETE calls it alone to validate {@code match[version]}. */
    VersionFilter versions(VersionFilter fallback) {
        Optional<List<String>> values = list("match[version]");
        if (values.isEmpty()) {
            return fallback;
        }
        boolean all = false;
        boolean first = false;
        boolean last = false;
        Set<Instant> exact = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (String value : values.get()) {
            if (!seen.add(value)) {
                throw badVersion(value, "a value may appear only once");
            }
            switch (value) {
                case "all" -> all = true;
                case "first" -> first = true;
                case "last" -> last = true;
                default -> {
                    if (!value.isEmpty() && !Character.isDigit(value.charAt(0))) {
                        throw badVersion(value, "'" + Echo.printable(value) + "' is neither a keyword nor a time");
                    }
                    exact.add(timestamp("match[version]", value));
                }
            }
        }
        if (all && values.get().size() > 1) {
            throw badVersion(String.join(",", values.get()), "'all' cannot be combined with other values");
        }
        if (exact.size() > MAX_EXACT_VERSIONS) {
            throw badVersion(String.join(",", values.get()),
                    "give at most " + MAX_EXACT_VERSIONS + " exact versions per request");
        }
        return all ? VersionFilter.ALL : new VersionFilter(false, first, last, exact);
    }

    /** Whether {@code match[spec_version]} (default: the latest, 2.1) admits STIX 2.1, the only version iocd holds. */
    boolean specVersionMatches() {
        Optional<List<String>> values = list("match[spec_version]");
        if (values.isEmpty()) {
            return true;
        }
        for (String value : values.get()) {
            if (!SPEC_VERSION.matcher(value).matches()) {
                throw ApiException.badParameter("match[spec_version]", Echo.printable(value),
                        "expected STIX versions such as 2.1 or 2.0,2.1");
            }
        }
        return values.get().contains("2.1");
    }

    private @Nullable Instant addedAfter() {
        return single("added_after").map(text -> timestamp("added_after", text)).orElse(null);
    }

    private Set<String> stixTypes(List<String> values) {
        Set<String> types = new HashSet<>();
        for (String value : values) {
            if (!STIX_TYPE.matcher(value).matches()) {
                throw ApiException.badParameter("match[type]", Echo.printable(value),
                        "expected STIX object types such as indicator,vulnerability");
            }
            types.add(value);
        }
        return types;
    }

    private Set<StixId> ids(List<String> values) {
        if (values.size() > MAX_IDS) {
            throw ApiException.badParameter("match[id]", Echo.printable(String.join(",", values)),
                    "give at most " + MAX_IDS + " ids per request");
        }
        Set<StixId> ids = new LinkedHashSet<>();
        for (String value : values) {
            StixId.Parsed parsed = StixId.parse(value).orElseThrow(() -> ApiException.badParameter("match[id]",
                    Echo.printable(value), "expected STIX ids such as indicator--<uuid>"));
            parsed.published().ifPresent(ids::add);
        }
        return ids;
    }

    /**
     * Parses an RFC 3339 time with {@code Z} or an offset and 0 to 9 fraction digits. A {@code +} that arrived as a
     * space (an unencoded offset in the query string) is read as {@code +}.
     */
    static Instant timestamp(String name, String raw) {
        String text = raw.length() > 19 && raw.charAt(raw.length() - 6) == ' '
                ? raw.substring(0, raw.length() - 6) + "+" + raw.substring(raw.length() - 5) : raw;
        if (RFC_3339.matcher(text).matches()) {
            try {
                return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant();
            } catch (DateTimeParseException e) {
                // falls through to the 400 below: the shape is right but a field is out of range
            }
        }
        throw ApiException.badParameter(name, Echo.printable(raw),
                "expected an RFC 3339 time such as 2026-05-15T10:00:00.000000Z or 2026-05-15T12:00:00+02:00");
    }

    private Optional<List<String>> list(String name) {
        return single(name).map(text -> {
            List<String> values = new ArrayList<>(List.of(text.split(",", -1)));
            for (String value : values) {
                if (value.isEmpty() || !value.strip().equals(value)) {
                    throw ApiException.badParameter(name, Echo.printable(text),
                            "expected comma-separated values without spaces or empty entries");
                }
            }
            return values;
        });
    }

    private Optional<String> single(String name) {
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
            throw ApiException.badParameter(name, Echo.printable(value), "NUL characters are not allowed");
        }
        return Optional.of(value);
    }

    private static ApiException badVersion(String value, String rule) {
        return ApiException.badParameter("match[version]", Echo.printable(value),
                "expected last, first, all or exact STIX timestamps, comma-separated; " + rule);
    }
}
