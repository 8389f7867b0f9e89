package iocd.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.InvalidIocException;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import iocd.ioc.Tlp;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * MISP event JSON: {@code {"Event": {...}}}, the API form {@code {"response": [{"Event": {...}}]}}, or an array
 * of either. Attributes come from {@code Event.Attribute[]} and {@code Event.Object[].Attribute[]}.
 *
 * <p>Imported attribute types: {@code ip-src}, {@code ip-dst} (and their {@code |port} forms), {@code domain},
 * {@code hostname} (and {@code hostname|port}), {@code domain|ip} (both values), {@code url}, {@code md5},
 * {@code sha1}, {@code sha256}, {@code sha512}, {@code filename|<hash>} (the hash, with the file name in the
 * description), {@code email}, {@code email-src}, {@code email-dst}, {@code vulnerability}. Other types are
 * skipped, as are attributes with {@code to_ids: false} (context that MISP itself keeps out of detection) and
 * deleted ones.
 *
 * <p>{@code tlp:} tags on the event or the attribute set the source TLP (the strictest wins); other tags become
 * labels. The attribute comment, or else the event info, is the description; the attribute's
 * {@code first_seen}, or else the event date, is first seen.
 *
 * <p>NOTE: the event is read as one tree, because event-level tags follow the attributes in MISP exports. Memory
 * therefore grows with the file, and files over {@link JsonFeeds#MAX_TREE_DOCUMENT_LENGTH} bytes are refused.
 */
final class MispParser implements FeedParser {
    static final String SOURCE = "misp";

    private static final List<IocType> IP = List.of(IocType.IPV4, IocType.IPV6);
    private static final Map<String, List<IocType>> SINGLE = Map.ofEntries(
            Map.entry("ip-src", IP), Map.entry("ip-dst", IP),
            Map.entry("domain", List.of(IocType.DOMAIN)), Map.entry("hostname", List.of(IocType.DOMAIN)),
            Map.entry("url", List.of(IocType.URL)),
            Map.entry("md5", List.of(IocType.MD5)), Map.entry("sha1", List.of(IocType.SHA1)),
            Map.entry("sha256", List.of(IocType.SHA256)), Map.entry("sha512", List.of(IocType.SHA512)),
            Map.entry("email", List.of(IocType.EMAIL)), Map.entry("email-src", List.of(IocType.EMAIL)),
            Map.entry("email-dst", List.of(IocType.EMAIL)),
            Map.entry("vulnerability", List.of(IocType.CVE)));

    @Override
    public void parse(InputStream in, IocSink sink) throws IOException {
        JsonNode root;
        try (JsonParser parser = JsonFeeds.openWhole(in)) {
            if (JsonFeeds.next(parser) == null) {
                throw ImportException.malformed("empty input: expected a MISP event", null);
            }
            root = JsonFeeds.tree(parser);
            if (JsonFeeds.next(parser) != null) {
                throw JsonFeeds.unexpected(parser, "the end of the input after the MISP event");
            }
        }
        List<JsonNode> events = new ArrayList<>();
        collectEvents(root, events);
        if (events.isEmpty()) {
            throw ImportException.malformed("no MISP \"Event\" object found", null);
        }
        int[] counter = {0};
        for (JsonNode event : events) {
            new EventReader(event, sink, counter).read();
        }
    }

    private static void collectEvents(JsonNode node, List<JsonNode> events) {
        if (node.isArray()) {
            node.forEach(element -> collectEvents(element, events));
        } else if (node.has("Event")) {
            events.add(node.get("Event"));
        } else if (node.has("response")) {
            collectEvents(node.get("response"), events);
        }
    }

    /** The attributes of one event, with the event-level tags, TLP, info and date they inherit. */
    private static final class EventReader {
        private final JsonNode event;
        private final IocSink sink;
        private final int[] counter;
        private final List<String> eventTags = new ArrayList<>();
        private @Nullable Tlp eventTlp;

        EventReader(JsonNode event, IocSink sink, int[] counter) {
            this.event = event;
            this.sink = sink;
            this.counter = counter;
            this.eventTlp = readTags(event, eventTags, null);
        }

        void read() {
            event.path("Attribute").forEach(this::attribute);
            for (JsonNode object : event.path("Object")) {
                object.path("Attribute").forEach(this::attribute);
            }
        }

        private void attribute(JsonNode attribute) {
            counter[0]++;
            String uuid = JsonFeeds.text(attribute, "uuid");
            String location = "attribute " + counter[0] + (uuid == null ? "" : " (" + uuid + ")");
            String type = JsonFeeds.text(attribute, "type");
            String value = JsonFeeds.text(attribute, "value");
            if (type == null || value == null) {
                sink.reject(location, value == null ? "" : value, "attribute lacks type or value");
            } else if (!attribute.path("to_ids").asBoolean(true)) {
                sink.skip(location, "MISP attribute with to_ids false");
            } else if (attribute.path("deleted").asBoolean(false)) {
                sink.skip(location, "deleted MISP attribute");
            } else {
                try {
                    convert(attribute, location, type.toLowerCase(Locale.ROOT), value);
                } catch (Values.FieldException e) {
                    sink.reject(location, e.value(), e.reason());
                } catch (InvalidIocException e) {
                    sink.reject(location, e.value(), e.reason());
                }
            }
        }

        private void convert(JsonNode attribute, String location, String type, String value) {
            List<IocType> single = SINGLE.get(type);
            if (single != null) {
                emit(attribute, location, single, value, null);
                return;
            }
            String[] parts = value.split("\\|", 2);
            if (!type.contains("|") || parts.length != 2) {
                sink.skip(location, "MISP type " + type);
                return;
            }
            String[] types = type.split("\\|", 2);
            composite(attribute, location, types[0], types[1], parts[0], parts[1]);
        }

        private void composite(JsonNode attribute, String location, String firstType, String secondType,
                String first, String second) {
            if (firstType.equals("filename") && SINGLE.containsKey(secondType)
                    && SINGLE.get(secondType).get(0).isHash()) {
                emit(attribute, location, SINGLE.get(secondType), second, "File name: " + first);
            } else if (secondType.equals("port") && SINGLE.containsKey(firstType)) {
                emit(attribute, location, SINGLE.get(firstType), first, "Observed on port " + second.strip());
            } else if (firstType.equals("domain") && secondType.equals("ip")) {
                emit(attribute, location, List.of(IocType.DOMAIN), first, null);
                emit(attribute, location, IP, second, null);
            } else {
                sink.skip(location, "MISP type " + firstType + "|" + secondType);
            }
        }

        private void emit(JsonNode attribute, String location, List<IocType> types, String raw,
                @Nullable String note) {
            Optional<NormalizedValue> normalized = Values.normalize(sink, location, types, raw);
            if (normalized.isEmpty()) {
                return;
            }
            List<String> tags = new ArrayList<>(eventTags);
            Tlp tlp = readTags(attribute, tags, eventTlp);
            String description = Values.blankToNull(JsonFeeds.text(attribute, "comment"));
            if (description == null) {
                description = JsonFeeds.text(event, "info");
            }
            if (note != null) {
                description = description == null ? note : description + ". " + note;
            }
            String firstSeen = JsonFeeds.text(attribute, "first_seen");
            Ioc ioc = Values.builder(normalized.get(), description)
                    .firstSeen(Values.time("first_seen", firstSeen != null ? firstSeen : JsonFeeds.text(event, "date")))
                    .lastSeen(Values.time("last_seen", JsonFeeds.text(attribute, "last_seen")))
                    .tags(Values.distinct(tags))
                    .indicatorTypes(normalized.get().type().isIndicator() ? List.of("malicious-activity") : List.of())
                    .sourceTlp(tlp)
                    .source(SOURCE)
                    .build();
            sink.accept(ioc);
        }

        /** Adds the non-TLP tag names of a node to {@code tags} and returns the strictest TLP among them. */
        private static @Nullable Tlp readTags(JsonNode node, List<String> tags, @Nullable Tlp inherited) {
            Tlp strictest = inherited;
            for (JsonNode tag : node.path("Tag")) {
                String name = JsonFeeds.text(tag, "name");
                if (name == null) {
                    continue;
                }
                if (name.toLowerCase(Locale.ROOT).startsWith("tlp:")) {
                    Optional<Tlp> level = Tlp.parse(name);
                    if (level.isPresent()) {
                        strictest = strictest == null ? level.get() : strictest.stricter(level.get());
                        continue;
                    }
                }
                tags.add(name);
            }
            return strictest;
        }
    }
}
