package iocd.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.InvalidIocException;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * ThreatFox JSON in three shapes, read record by record:
 * <ul>
 *   <li>the export ({@code /export/json/...}): an object keyed by ioc_id, each value an array of records with
 *       {@code ioc_value, ioc_type, threat_type, malware_printable, malware_alias, first_seen_utc,
 *       last_seen_utc, confidence_level, is_compromised, reference, tags};</li>
 *   <li>an API response {@code {"query_status": "ok", "data": [records]}} with the same record fields;</li>
 *   <li>a compact defanged re-publication {@code {updated, source, count, iocs: [{ioc, type, malware,
 *       confidence, first_seen}]}}.</li>
 * </ul>
 *
 * <p>threat_type sets the STIX indicator type and the ATT&CK tactic:
 * <table>
 *   <caption>ThreatFox threat types</caption>
 *   <tr><th>threat_type</th><th>indicator_types</th><th>kill chain phase</th><th>why</th></tr>
 *   <tr><td>botnet_cc</td><td>malicious-activity</td><td>command-and-control</td><td>C2 server</td></tr>
 *   <tr><td>payload_delivery</td><td>malicious-activity</td><td>initial-access</td>
 *       <td>serves the first-stage download</td></tr>
 *   <tr><td>payload</td><td>malicious-activity</td><td>execution</td><td>hash of malware that runs</td></tr>
 *   <tr><td>cc_skimming</td><td>malicious-activity</td><td>collection</td><td>card-data skimmer</td></tr>
 *   <tr><td>other</td><td>malicious-activity</td><td>none</td><td></td></tr>
 * </table>
 * {@code is_compromised: true} adds the indicator type {@code compromised}. Tags are the record's tags plus the
 * malware family and its aliases.
 */
final class ThreatFoxParser implements FeedParser {
    static final String SOURCE = "threatfox";

    private static final Map<String, String> PHASES = Map.of(
            "botnet_cc", "command-and-control",
            "payload_delivery", "initial-access",
            "payload", "execution",
            "cc_skimming", "collection");

    @Override
    public void parse(InputStream in, IocSink sink) throws IOException {
        try (JsonParser parser = JsonFeeds.open(in)) {
            if (JsonFeeds.next(parser) != JsonToken.START_OBJECT) {
                throw JsonFeeds.unexpected(parser, "a JSON object keyed by ioc_id");
            }
            while (JsonFeeds.next(parser) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = JsonFeeds.next(parser);
                if (value == JsonToken.START_ARRAY) {
                    readArray(parser, field, sink);
                } else if (value == JsonToken.START_OBJECT) {
                    record(JsonFeeds.tree(parser), "record " + field, sink);
                } else if (value == null) {
                    throw JsonFeeds.unexpected(parser, "a value after \"" + field + "\"");
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw JsonFeeds.unexpected(parser, "the end of the ThreatFox object");
            }
        }
    }

    private static void readArray(JsonParser parser, String field, IocSink sink) throws IOException {
        int index = 0;
        while (JsonFeeds.next(parser) == JsonToken.START_OBJECT) {
            index++;
            String location = field.equals("iocs") || field.equals("data")
                    ? "record " + index
                    : "record " + field + (index > 1 ? " #" + index : "");
            record(JsonFeeds.tree(parser), location, sink);
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw JsonFeeds.unexpected(parser, "a ThreatFox record object");
        }
    }

    private static void record(JsonNode node, String location, IocSink sink) {
        boolean compact = node.has("ioc") && !node.has("ioc_value");
        String raw = JsonFeeds.text(node, compact ? "ioc" : "ioc_value");
        String typeName = JsonFeeds.text(node, compact ? "type" : "ioc_type");
        if (raw == null || typeName == null) {
            sink.reject(location, raw == null ? "" : raw,
                    compact ? "record lacks ioc or type" : "record lacks ioc_value or ioc_type");
            return;
        }
        Optional<List<IocType>> types = TypeNames.resolve(typeName);
        if (types.isEmpty()) {
            sink.reject(location, raw, String.format(Locale.ROOT, "unsupported ThreatFox ioc_type '%s'", typeName));
            return;
        }
        Optional<NormalizedValue> normalized = Values.normalize(sink, location, types.get(), raw);
        if (normalized.isEmpty()) {
            return;
        }
        try {
            sink.accept(compact ? compactIoc(normalized.get(), node) : exportIoc(normalized.get(), node));
        } catch (Values.FieldException e) {
            sink.reject(location, e.value(), e.reason());
        } catch (InvalidIocException e) {
            sink.reject(location, e.value(), e.reason());
        }
    }

    private static Ioc exportIoc(NormalizedValue normalized, JsonNode node) {
        String threat = JsonFeeds.text(node, "threat_type");
        String malware = malwareName(JsonFeeds.text(node, "malware_printable"));
        List<String> tags = new ArrayList<>(Values.tags(JsonFeeds.text(node, "tags"), ","));
        if (malware != null) {
            tags.add(malware);
        }
        tags.addAll(Values.tags(JsonFeeds.text(node, "malware_alias"), ","));
        return Values.builder(normalized, description(malware, threat))
                .firstSeen(Values.time("first_seen_utc", JsonFeeds.text(node, "first_seen_utc")))
                .lastSeen(Values.time("last_seen_utc", JsonFeeds.text(node, "last_seen_utc")))
                .confidence(Values.confidence("confidence_level", JsonFeeds.text(node, "confidence_level")))
                .tags(Values.distinct(tags))
                .indicatorTypes(indicatorTypes(node.path("is_compromised").asBoolean(false)))
                .killChainPhases(phases(threat))
                .reference(JsonFeeds.text(node, "reference"))
                .source(SOURCE)
                .build();
    }

    private static Ioc compactIoc(NormalizedValue normalized, JsonNode node) {
        String malware = malwareName(JsonFeeds.text(node, "malware"));
        return Values.builder(normalized, description(malware, null))
                .firstSeen(Values.time("first_seen", JsonFeeds.text(node, "first_seen")))
                .confidence(Values.confidence("confidence", JsonFeeds.text(node, "confidence")))
                .tags(malware == null ? List.of() : List.of(malware))
                .indicatorTypes(indicatorTypes(false))
                .source(SOURCE)
                .build();
    }

    /** ThreatFox writes "Unknown malware" when the family is not known; that is no label. */
    private static @Nullable String malwareName(@Nullable String name) {
        return name == null || name.equalsIgnoreCase("unknown malware") ? null : name;
    }

    private static @Nullable String description(@Nullable String malware, @Nullable String threat) {
        if (malware == null && threat == null) {
            return null;
        }
        if (threat == null) {
            return "ThreatFox: " + malware;
        }
        return "ThreatFox: " + (malware == null ? threat : malware + " " + threat);
    }

    private static List<String> indicatorTypes(boolean compromised) {
        return compromised ? List.of("malicious-activity", "compromised") : List.of("malicious-activity");
    }

    private static List<String> phases(@Nullable String threat) {
        String phase = threat == null ? null : PHASES.get(threat);
        return phase == null ? List.of() : List.of(phase);
    }
}
