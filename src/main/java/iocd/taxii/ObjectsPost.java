package iocd.taxii;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import iocd.http.ApiException;
import iocd.http.JsonErrorMessages;
import iocd.http.Metrics;
import iocd.http.RequestBodies;
import iocd.ingest.StixObjects;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.stix.Timestamps;
import iocd.store.IocStore;
import iocd.store.MergeResult;
import iocd.store.Visibility;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The add-objects endpoint: reads a TAXII envelope of STIX 2.1 objects, converts each with the rules of the STIX
 * import, merges every usable IOC in one store transaction and responds with a complete status resource, which it
 * also keeps for 24 hours so any node can serve it at {@code status/{id}/}.
 */
final class ObjectsPost {
    static final Duration STATUS_KEPT = Duration.ofHours(24);
    private static final String UNPROCESSABLE = "unprocessable_content";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Maximum number of objects in one envelope, the same as for a REST submission, so a status stays readable. */
    static final int MAX_OBJECTS = 10_000;
    private static final Pattern STIX_ID = Pattern.compile(
            "[a-z0-9][a-z0-9-]*--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern STIX_TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    private final IocStore store;
    private final Metrics metrics;
    private final Clock clock;
    private final long maxContentLength;

    ObjectsPost(IocStore store, Clock clock, long maxContentLength, Metrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.clock = clock;
        this.maxContentLength = maxContentLength;
    }

    /**
     * Processes a request whose access and media types are already checked.
     *
     * @param writer the caller's visibility: an object may create IOCs and change only IOCs within its TLP
     *               clearance (see {@link IocStore#merge(List, Visibility)})
     * @return the status resource as JSON
     * @throws ApiException 413 for a body over the limit, 422 for a body that is not a TAXII envelope of STIX 2.1
     *                      objects
     */
    String handle(Context ctx, TaxiiCollection collection, String ownerKeyId, Visibility writer)
            throws IOException {
        Instant received = clock.instant();
        JsonNode envelope = parse(readBody(ctx));
        List<Submitted> submitted = new ArrayList<>();
        JsonNode objects = envelope.path("objects");
        // TLP marking definitions of the envelope apply to every object that references them, wherever they stand.
        Map<String, Tlp> markings = new HashMap<>();
        for (JsonNode object : objects) {
            if ("marking-definition".equals(object.path("type").asText())) {
                StixObjects.convert(object, markings);
            }
        }
        for (JsonNode object : objects) {
            submitted.add(convert(object, collection, received, markings));
        }
        merge(submitted, writer);

        UUID statusId = UUID.randomUUID();
        String status = statusJson(statusId, received, submitted);
        store.saveStatus(statusId, StatusRecord.encode(ownerKeyId, status), received.plus(STATUS_KEPT));
        return status;
    }

    // The declared length is checked before reading, and the bytes are counted while reading, because a chunked body
    // declares no length. The stream is left open on purpose: the error path reads and drops the rest of an
    // oversized body.
    private byte[] readBody(Context ctx) {
        try {
            return RequestBodies.open(ctx, maxContentLength, this::tooLarge).readAllBytes();
        } catch (IOException e) {
            throw RequestBodies.incomplete(e);
        }
    }

    private static JsonNode parse(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(422, UNPROCESSABLE, "the body is not valid JSON: " + JsonErrorMessages.describe(e),
                    e);
        } catch (IOException e) {
            throw new ApiException(422, UNPROCESSABLE, "the body cannot be read as JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw unprocessable("the body must be a TAXII envelope: a JSON object with an 'objects' array");
        }
        if (root.has("type")) {
            throw unprocessable("the body is a STIX object or bundle; wrap the objects in a TAXII envelope "
                    + "{\"objects\": [...]}");
        }
        JsonNode objects = root.path("objects");
        if (!objects.isMissingNode() && !objects.isArray()) {
            throw unprocessable("'objects' must be an array of STIX objects");
        }
        if (objects.size() > MAX_OBJECTS) {
            throw new ApiException(413, "too_many_objects", String.format(Locale.ROOT,
                    "the envelope holds %d objects; send at most %d per request", objects.size(), MAX_OBJECTS));
        }
        for (JsonNode object : objects) {
            checkObject(object);
        }
        return root;
    }

    private static void checkObject(JsonNode object) {
        if (!object.isObject() || !object.path("type").isTextual() || !object.path("id").isTextual()) {
            throw unprocessable("every entry of 'objects' must be a STIX object with 'type' and 'id'");
        }
        JsonNode specVersion = object.path("spec_version");
        if (!specVersion.isTextual() || !specVersion.asText().equals("2.1")) {
            throw unprocessable(String.format(Locale.ROOT,
                    "object %s has spec_version %s; only STIX 2.1 objects are accepted",
                    Echo.printable(object.path("id").asText()),
                    specVersion.isMissingNode() ? "(none, which means STIX 2.0)"
                            : Echo.printable(specVersion.toString())));
        }
    }

    // Converting and merging

    private static Submitted convert(JsonNode object, TaxiiCollection collection, Instant received,
            Map<String, Tlp> markings) {
        String id = object.path("id").asText();
        Optional<String> invalid = invalidCommonProperty(object);
        if (invalid.isPresent()) {
            return Submitted.failed(id, Timestamps.stix(received), invalid.get());
        }
        String version = version(object, received);
        StixObjects.Conversion conversion = StixObjects.convert(object, markings);
        if (conversion.failure().isPresent()) {
            return Submitted.failed(id, version, conversion.failure().get());
        }
        List<IocType> foreign = conversion.iocs().stream().map(Ioc::type)
                .filter(type -> !collection.types().contains(type)).distinct().toList();
        if (!foreign.isEmpty()) {
            return Submitted.failed(id, version, String.format(Locale.ROOT,
                    "the object holds %s values, which the collection '%s' does not take; post it to the "
                            + "collection for that type or to '%s'",
                    foreign.stream().map(IocType::apiName).collect(Collectors.joining(", ")), collection.title(),
                    TaxiiCollection.ALL.get(0).title()));
        }
        return new Submitted(id, version, conversion.iocs(), null, new ArrayList<>());
    }

    /**
     * Checks the properties every STIX object shares and iocd does not store: a malformed id or timestamp makes
     * the object invalid STIX, even though iocd publishes the IOC under its own id and times.
     */
    private static Optional<String> invalidCommonProperty(JsonNode object) {
        String type = object.path("type").asText();
        String id = object.path("id").asText();
        if (!STIX_ID.matcher(id).matches() || !id.startsWith(type + "--")) {
            return Optional.of(String.format(Locale.ROOT,
                    "id '%s' is not a STIX identifier '%s--<UUID>'; use the object's type and an RFC 4122 UUID",
                    Echo.printable(id), Echo.printable(type)));
        }
        for (String field : List.of("created", "modified")) {
            JsonNode value = object.get(field);
            if (value != null && !isStixTimestamp(value)) {
                return Optional.of(String.format(Locale.ROOT,
                        "%s %s is not a STIX timestamp; write it in UTC like 2026-05-30T10:00:00.000Z",
                        field, Echo.printable(value.toString())));
            }
        }
        return Optional.empty();
    }

    private static boolean isStixTimestamp(JsonNode value) {
        if (!value.isTextual() || !STIX_TIMESTAMP.matcher(value.asText()).matches()) {
            return false;
        }
        try {
            Instant.parse(value.asText());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The STIX version of a submitted object: {@code modified}, else {@code created}, else the request time. */
    private static String version(JsonNode object, Instant received) {
        for (String field : List.of("modified", "created")) {
            if (object.path(field).isTextual()) {
                return object.path(field).asText();
            }
        }
        return Timestamps.stix(received);
    }

    private void merge(List<Submitted> submitted, Visibility writer) {
        List<Ioc> batch = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        for (int object = 0; object < submitted.size(); object++) {
            for (Ioc ioc : submitted.get(object).iocs()) {
                batch.add(ioc);
                groups.add(object);
            }
        }
        long failed = submitted.stream().filter(item -> item.failure() != null).count();
        if (batch.isEmpty()) {
            metrics.recordMerge(new MergeResult(List.of()), failed);
            return;
        }
        // One group per object, so that an object whose pattern names several values is stored whole or not at all.
        MergeResult result = store.merge(batch, groups, writer);
        metrics.recordMerge(result, failed);
        Iterator<MergeResult.Item> outcomes = result.outcomes().iterator();
        for (Submitted item : submitted) {
            for (int i = 0; i < item.iocs().size(); i++) {
                item.outcomes().add(outcomes.next());
            }
        }
    }

    // The status resource

    private static String statusJson(UUID statusId, Instant received, List<Submitted> submitted) throws IOException {
        List<Submitted> successes = submitted.stream().filter(Submitted::succeeded).toList();
        List<Submitted> failures = submitted.stream().filter(item -> !item.succeeded()).toList();
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", statusId.toString());
            g.writeStringField("status", "complete");
            g.writeStringField("request_timestamp", Timestamps.taxii(received));
            g.writeNumberField("total_count", submitted.size());
            g.writeNumberField("success_count", successes.size());
            g.writeNumberField("failure_count", failures.size());
            g.writeNumberField("pending_count", 0);
            details(g, "successes", successes);
            details(g, "failures", failures);
            g.writeEndObject();
        }
        return out.toString();
    }

    // TAXII lists are never empty: an empty one is left out.
    private static void details(JsonGenerator g, String field, List<Submitted> items) throws IOException {
        if (items.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (Submitted item : items) {
            g.writeStartObject();
            g.writeStringField("id", item.id());
            g.writeStringField("version", item.version());
            g.writeStringField("message", item.message());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private ApiException tooLarge(long size) {
        return new ApiException(413, "content_too_large", String.format(Locale.ROOT,
                "the request body (%d bytes or more) exceeds max_content_length of %d bytes; "
                        + "split the envelope into smaller ones", size, maxContentLength));
    }

    private static ApiException unprocessable(String message) {
        return new ApiException(422, UNPROCESSABLE, message);
    }

    /**
     * One submitted object and its fate. An object fails when it cannot be converted or when the store rejects
     * one of its IOCs for the caller's TLP clearance.
     *
     * @param iocs     what it converts to
     * @param failure  why it could not be converted, or null
     * @param outcomes merge outcomes, one per IOC, filled by {@link #merge}
     */
    private record Submitted(String id, String version, List<Ioc> iocs, @Nullable String failure,
            List<MergeResult.Item> outcomes) {

        static Submitted failed(String id, String version, String reason) {
            return new Submitted(id, version, List.of(), reason, new ArrayList<>());
        }

        boolean succeeded() {
            return failure == null && outcomes.stream().noneMatch(item -> item.reason() != null);
        }

        // When the store rejects one value of an object whose pattern contains several, it rejects them all, and
        // the message names each value's reason.
        String message() {
            if (failure != null) {
                return failure;
            }
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                MergeResult.Item item = outcomes.get(i);
                String reason = item.reason();
                if (reason != null) {
                    // The reason never names the stored IOC; the value is the caller's own input.
                    parts.add(outcomes.size() == 1 ? reason
                            : String.format(Locale.ROOT, "%s %s rejected: %s", iocs.get(i).type().apiName(),
                                    Echo.printable(iocs.get(i).value()), reason));
                } else {
                    parts.add(String.format(Locale.ROOT, "%s as %s", describe(item.outcome()),
                            Objects.requireNonNull(item.current()).stixId()));
                }
            }
            return String.join("; ", parts);
        }

        private static String describe(MergeResult.Outcome outcome) {
            return switch (outcome) {
                case NEW -> "stored";
                case UPDATED -> "updated";
                case UNCHANGED -> "already stored, unchanged,";
                case REJECTED -> throw new IllegalArgumentException("a rejected item has its own message");
            };
        }
    }
}
