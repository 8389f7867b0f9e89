package iocd.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import iocd.auth.Principal;
import iocd.auth.Scope;
import iocd.ioc.InvalidIocException;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import iocd.ioc.Normalizer;
import iocd.ioc.Tlp;
import iocd.store.CursorCodec;
import iocd.store.IocStore;
import iocd.store.MergeResult;
import iocd.store.ModifiedQuery;
import iocd.store.SearchQuery;
import iocd.store.StoredIoc;
import iocd.store.Visibility;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * REST v1 IOC routes: {@code GET /api/v1/iocs} (search), {@code GET /api/v1/iocs/{id}}, {@code POST /api/v1/iocs}
 * (bulk submission) and {@code DELETE /api/v1/iocs/{id}} (revocation: a new revoked version, history kept).
 */
final class IocRoutes {
    static final String PATH = "/api/v1/iocs";
    static final int MAX_ITEMS = 10_000;
    private static final String CURSOR_KIND = "search";
    private static final JsonFactory JSON = new JsonFactory();
    // Trailing content after the JSON value means a truncated or concatenated body; reject it, not half-read it.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final IocStore store;
    private final Authenticator authenticator;
    private final ModifiedCursors cursors;
    private final Clock clock;
    private final int greenThreshold;
    private final long maxBodyBytes;
    private final Metrics metrics;

    IocRoutes(IocStore store, Authenticator authenticator, CursorCodec cursors, Clock clock, int greenThreshold,
            long maxBodyBytes, Metrics metrics) {
        this.store = store;
        this.authenticator = authenticator;
        this.cursors = new ModifiedCursors(cursors, CURSOR_KIND, "use next_cursor from the previous response as given");
        this.clock = clock;
        this.greenThreshold = greenThreshold;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    void search(Context ctx) throws IOException {
        Principal principal = authenticator.require(ctx, Scope.READ_IOCS);
        MediaTypes.requireAcceptable(ctx, MediaTypes.JSON_ACCEPTED);
        QueryParams params = new QueryParams(ctx);
        Set<IocType> types = params.single("type").map(IocRoutes::type).map(Set::of).orElse(Set.of());
        Optional<String> value = params.single("value");
        boolean prefix = value.isPresent() && value.get().endsWith("*");
        String searched = value.map(text -> prefix ? text.substring(0, text.length() - 1) : text).orElse(null);
        if (searched != null && !prefix) {
            searched = canonical(types, searched);
        }
        String tag = params.single("tag").orElse(null);
        Visibility visibility = principal.visibility(clock.instant(), greenThreshold);
        Instant since = params.instant("since").filter(s -> s.isAfter(visibility.lookbackStart()))
                .orElse(visibility.lookbackStart());
        int limit = params.limit("limit", 100, 1000);
        ModifiedQuery.Cursor after = params.single("cursor").map(cursors::decode).orElse(null);

        List<StoredIoc> rows = new ArrayList<>(store.search(
                new SearchQuery(types, searched, prefix, tag, since, after, visibility, limit + 1)));
        boolean more = rows.size() > limit;
        if (more) {
            rows.subList(limit, rows.size()).clear();
        }
        ctx.contentType("application/json");
        try (JsonGenerator g = JSON.createGenerator(ctx.outputStream())) {
            g.writeStartObject();
            g.writeArrayFieldStart("iocs");
            for (StoredIoc ioc : rows) {
                IocJson.write(g, ioc, greenThreshold);
            }
            g.writeEndArray();
            g.writeBooleanField("more", more);
            if (more) {
                g.writeStringField("next_cursor", cursors.after(rows.get(rows.size() - 1)));
            }
            g.writeEndObject();
        }
    }

    /**
     * Returns the stored form of an exact search value, so that {@code MALWARE-C2.EXAMPLE.COM} or a defanged
     * {@code evil[.]example.com} finds what was imported. Without a type the type is detected from the value, and a
     * value no type fits is searched as given.
     */
    private static String canonical(Set<IocType> types, String value) {
        if (types.size() == 1) {
            return Normalizer.normalize(types.iterator().next(), value).value();
        }
        try {
            return Normalizer.normalizeDetected(value).value();
        } catch (InvalidIocException e) {
            return value;
        }
    }

    void get(Context ctx) throws IOException {
        Principal principal = authenticator.require(ctx, Scope.READ_IOCS);
        MediaTypes.requireAcceptable(ctx, MediaTypes.JSON_ACCEPTED);
        StoredIoc ioc = visible(ctx.pathParam("id"), principal);
        ctx.contentType("application/json");
        try (JsonGenerator g = JSON.createGenerator(ctx.outputStream())) {
            IocJson.write(g, ioc, greenThreshold);
        }
    }

    void revoke(Context ctx) throws IOException {
        Principal principal = authenticator.require(ctx, Scope.WRITE_IOCS);
        StoredIoc ioc = visible(ctx.pathParam("id"), principal);
        StoredIoc revoked = store.revoke(ioc.id(), principal.visibility(clock.instant(), greenThreshold))
                .orElseThrow(() -> notFound(ctx.pathParam("id")));
        ctx.contentType("application/json");
        try (JsonGenerator g = JSON.createGenerator(ctx.outputStream())) {
            IocJson.write(g, revoked, greenThreshold);
        }
    }

    /**
     * Accepts {@code {"iocs": [...]}} or a bare array of items {@code {"value", "type"?, "confidence"?, "tags"?,
     * "tlp"?, "description"?, "first_seen"?, "last_seen"?, "valid_until"?, "kill_chain_phases"?, "reference"?}}.
     * Valid items are merged in one transaction; invalid ones, and items the key's TLP clearance does not allow
     * (see {@link IocStore#merge(List, Visibility)}), are reported with their reason and nothing of theirs is
     * stored.
     */
    void submit(Context ctx) throws IOException {
        Principal principal = authenticator.require(ctx, Scope.WRITE_IOCS);
        MediaTypes.requireAcceptable(ctx, MediaTypes.JSON_ACCEPTED);
        requireJsonContentType(ctx);
        JsonNode items = parseItems(ctx, maxBodyBytes);

        List<Ioc> accepted = new ArrayList<>();
        List<Integer> acceptedIndexes = new ArrayList<>();
        String[] rejections = new String[items.size()];
        for (int i = 0; i < items.size(); i++) {
            try {
                accepted.add(toIoc(items.get(i)));
                acceptedIndexes.add(i);
            } catch (InvalidIocException e) {
                rejections[i] = e.getMessage();
            }
        }
        MergeResult result = accepted.isEmpty() ? new MergeResult(List.of())
                : store.merge(accepted, principal.visibility(clock.instant(), greenThreshold));
        metrics.recordMerge(result, items.size() - accepted.size());
        long rejected = items.size() - accepted.size() + result.count(MergeResult.Outcome.REJECTED);

        ctx.contentType("application/json");
        try (JsonGenerator g = JSON.createGenerator(ctx.outputStream())) {
            g.writeStartObject();
            g.writeNumberField("total", items.size());
            g.writeNumberField("accepted", items.size() - rejected);
            g.writeNumberField("rejected", rejected);
            g.writeArrayFieldStart("results");
            int next = 0;
            for (int i = 0; i < items.size(); i++) {
                g.writeStartObject();
                g.writeNumberField("index", i);
                MergeResult.Item item = rejections[i] == null ? result.outcomes().get(next++) : null;
                StoredIoc current = item == null ? null : item.current();
                if (current == null) {
                    // Rejected as invalid or for the clearance: no id or version, which could name a hidden IOC.
                    g.writeStringField("status", "rejected");
                    g.writeStringField("reason", item == null ? rejections[i] : item.reason());
                } else {
                    g.writeStringField("status", item.outcome().name().toLowerCase(Locale.ROOT));
                    g.writeStringField("id", current.stixId());
                    g.writeStringField("type", current.type().apiName());
                    g.writeStringField("value", current.value());
                    g.writeNumberField("version", current.version());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void requireJsonContentType(Context ctx) {
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "send the body as application/json, got "
                    + (contentType == null ? "no Content-Type" : "'" + ApiException.printable(contentType) + "'"));
        }
    }

    private static JsonNode parseItems(Context ctx, long maxBodyBytes) {
        JsonNode body;
        try {
            body = MAPPER.readTree(RequestBodies.open(ctx, maxBodyBytes));
        } catch (IOException e) {
            throw RequestBodies.unreadableJson(e);
        }
        JsonNode items = body != null && body.isObject() ? body.get("iocs") : body;
        if (items == null || !items.isArray()) {
            throw new ApiException(400, "invalid_body",
                    "expected a JSON array of IOCs or an object {\"iocs\": [...]}");
        }
        if (items.size() > MAX_ITEMS) {
            throw new ApiException(413, "too_many_items", String.format(Locale.ROOT,
                    "%d IOCs in one request; send at most %d per request", items.size(), MAX_ITEMS));
        }
        return items;
    }

    private static Ioc toIoc(JsonNode item) {
        if (!item.isObject()) {
            throw new InvalidIocException(item.toString(), null, "each item must be a JSON object with a \"value\"");
        }
        JsonNode valueNode = item.get("value");
        if (valueNode == null || !valueNode.isTextual()) {
            throw new InvalidIocException(item.toString(), null, "missing \"value\" string");
        }
        String raw = valueNode.asText();
        String typeName = text(item, "type");
        NormalizedValue normalized;
        if (typeName == null) {
            normalized = Normalizer.normalizeDetected(raw);
        } else {
            IocType type = IocType.fromApiName(typeName).orElseThrow(() -> new InvalidIocException(raw, null,
                    "unknown type '" + ApiException.printable(typeName) + "'; expected one of " + IocType.apiNames()));
            normalized = Normalizer.normalize(type, raw);
        }

        Ioc.Builder builder = Ioc.builder(normalized)
                .confidence(confidence(item, raw, normalized.type()))
                .tags(strings(item, "tags", raw, normalized.type()))
                .killChainPhases(strings(item, "kill_chain_phases", raw, normalized.type()))
                .firstSeen(time(item, "first_seen", raw, normalized.type()))
                .lastSeen(time(item, "last_seen", raw, normalized.type()))
                .validUntil(time(item, "valid_until", raw, normalized.type()))
                .reference(text(item, "reference"))
                .source("api");

        String description = text(item, "description");
        if (description != null) {
            builder.description(description);
        }
        String tlp = text(item, "tlp");
        if (tlp != null) {
            builder.sourceTlp(Tlp.parse(tlp).orElseThrow(() -> new InvalidIocException(raw, normalized.type(),
                    "unknown tlp '" + ApiException.printable(tlp)
                            + "'; expected clear, green, amber, amber+strict or red")));
        }
        return builder.build();
    }

    private static Integer confidence(JsonNode item, String raw, IocType type) {
        JsonNode node = item.get("confidence");
        if (node == null || node.isNull()) {
            return null;
        }
        // asInt() wraps large numbers around (4294967346 reads as 50), so the range is checked on the long value.
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0 || node.asLong() > 100) {
            throw new InvalidIocException(raw, type, "confidence must be an integer from 0 to 100, got " + node);
        }
        return node.asInt();
    }

    private static List<String> strings(JsonNode item, String field, String raw, IocType type) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidIocException(raw, type, "\"" + field + "\" must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual() || element.asText().isBlank() || element.asText().length() > Ioc.MAX_LIST_ENTRY) {
                throw new InvalidIocException(raw, type,
                        "\"" + field + "\" must hold non-blank strings of at most " + Ioc.MAX_LIST_ENTRY
                                + " characters");
            }
            values.add(element.asText().strip());
        }
        return values;
    }

    private static Instant time(JsonNode item, String field, String raw, IocType type) {
        String text = text(item, field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidIocException(raw, type, "\"" + field + "\" must be an RFC 3339 time such as "
                    + "2026-05-15T10:00:00Z, got '" + ApiException.printable(text) + "'");
        }
    }

    private static String text(JsonNode item, String field) {
        JsonNode node = item.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /**
     * Returns the IOC named by a STIX id ({@code indicator--<uuid>}) or a bare UUID when this key may see it. A STIX
     * id whose type is not the stored object's names nothing, so {@code vulnerability--<uuid of an indicator>} is 404.
     */
    private StoredIoc visible(String idText, Principal principal) {
        UUID id = parseId(idText);
        String typePrefix = idText.contains("--") ? idText.substring(0, idText.lastIndexOf("--") + 2) : "";
        Visibility visibility = principal.visibility(clock.instant(), greenThreshold);
        return store.findById(id)
                .filter(ioc -> ioc.stixId().startsWith(typePrefix))
                .filter(visibility::allows)
                .orElseThrow(() -> notFound(idText));
    }

    private static UUID parseId(String text) {
        String uuid = text.contains("--") ? text.substring(text.lastIndexOf("--") + 2) : text;
        try {
            if (uuid.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(uuid);
        } catch (IllegalArgumentException e) {
            throw notFound(text);
        }
    }

    private static ApiException notFound(String id) {
        String shown = id.length() > 100 ? id.substring(0, 100) + "..." : id;
        return ApiException.notFound("no IOC with id '" + ApiException.printable(shown) + "' is visible to this key");
    }

    private static IocType type(String text) {
        return IocType.fromApiName(text).orElseThrow(() -> ApiException.badParameter("type", text,
                "expected one of " + IocType.apiNames()));
    }
}
