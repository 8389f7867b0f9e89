package iocd.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.InvalidIocException;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import iocd.ioc.Tlp;
import iocd.stix.PatternParser;
import iocd.stix.PatternSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * STIX 2.0 and 2.1 bundles (and TAXII envelopes, which also carry an {@code objects} array), read object by
 * object with Jackson's streaming parser, so memory use does not grow with the bundle.
 *
 * <ul>
 *   <li>{@code indicator}: each value of a simple comparison pattern (also joined by {@code OR}) becomes an IOC;
 *       a pattern of another kind, or a {@code pattern_type} other than {@code stix}, is rejected.</li>
 *   <li>{@code vulnerability}: the CVE id from {@code external_references} with source_name {@code cve}, else
 *       the name when it is a CVE id.</li>
 *   <li>{@code attack-pattern}: the technique id from {@code external_references} with source_name
 *       {@code mitre-attack} (or the ICS and mobile variants), with its name and tactics. Deprecated
 *       ({@code x_mitre_deprecated}) and revoked techniques are imported with {@code revoked = true}, so a
 *       technique stored from an earlier ATT&amp;CK release is withdrawn for every poller instead of lingering.</li>
 *   <li>{@code marking-definition}: remembered, so later objects marked with a TLP definition of the bundle's own
 *       id get that level; counted as skipped.</li>
 *   <li>every other type: skipped, not rejected.</li>
 * </ul>
 *
 * Taken from every imported object: {@code confidence}, {@code labels} (STIX 2.0 indicator labels from the
 * indicator-type vocabulary become indicator types, others tags), {@code indicator_types},
 * {@code valid_from}/{@code valid_until}, {@code kill_chain_phases} of an ATT&amp;CK kill chain, the strictest
 * TLP among {@code object_marking_refs}, {@code revoked}, {@code description} and the first external reference
 * URL. {@code created_by_ref} is ignored: the source is always {@code stix}.
 */
final class StixParser implements FeedParser {
    static final String SOURCE = "stix";

    private static final Set<String> INDICATOR_TYPES = Set.of("anomalous-activity", "anonymization", "benign",
            "compromised", "malicious-activity", "attribution", "unknown");
    /** Maximum number of objects held back until the end of a bundle for a marking not defined yet. */
    static final int MAX_DEFERRED = 100_000;
    private static final Set<String> ATTACK_SOURCES = Set.of("mitre-attack", "mitre-ics-attack",
            "mitre-mobile-attack");

    @Override
    public void parse(InputStream in, IocSink sink) throws IOException {
        Map<String, Tlp> markings = new HashMap<>();
        try (JsonParser parser = JsonFeeds.open(in)) {
            if (JsonFeeds.next(parser) != JsonToken.START_OBJECT) {
                throw JsonFeeds.unexpected(parser, "a STIX bundle object");
            }
            while (JsonFeeds.next(parser) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = JsonFeeds.next(parser);
                if (field.equals("objects") && value == JsonToken.START_ARRAY) {
                    readObjects(parser, sink, markings);
                } else if (field.equals("type") && value == JsonToken.VALUE_STRING) {
                    checkBundleType(JsonFeeds.currentText(parser));
                } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    JsonFeeds.skipChildren(parser);
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw JsonFeeds.unexpected(parser, "the end of the STIX bundle");
            }
        }
    }

    private static void checkBundleType(String type) {
        if (!type.equals("bundle")) {
            throw ImportException.malformed(String.format(Locale.ROOT,
                    "expected a STIX bundle, found an object of type '%s'", type), null);
        }
    }

    /**
     * Converts the objects in bundle order. An object that references a marking definition the bundle has not
     * defined yet waits for the end of the bundle, so that a TLP:RED definition placed after its indicators still
     * applies to them. At most {@link #MAX_DEFERRED} objects wait, and later ones are converted with the markings
     * known at that point.
     */
    private static void readObjects(JsonParser parser, IocSink sink, Map<String, Tlp> markings)
            throws IOException {
        Set<String> defined = new HashSet<>();
        List<StixObject> deferred = new ArrayList<>();
        int index = 0;
        while (JsonFeeds.next(parser) == JsonToken.START_OBJECT) {
            index++;
            JsonNode object = JsonFeeds.tree(parser);
            String id = JsonFeeds.text(object, "id");
            String location = "object " + index + (id == null ? "" : " (" + id + ")");
            StixObject converted = new StixObject(object, location, sink, markings);
            if ("marking-definition".equals(JsonFeeds.text(object, "type")) && id != null) {
                defined.add(id.toLowerCase(Locale.ROOT));
            }
            if (deferred.size() < MAX_DEFERRED && converted.referencesUndefinedMarking(defined)) {
                deferred.add(converted);
            } else {
                converted.convert();
            }
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw JsonFeeds.unexpected(parser, "a STIX object");
        }
        deferred.forEach(StixObject::convert);
    }

    /** One object of the bundle and what it becomes. */
    record StixObject(JsonNode node, String location, IocSink sink, Map<String, Tlp> markings) {

        void convert() {
            String type = JsonFeeds.text(node, "type");
            try {
                switch (type == null ? "" : type) {
                    case "indicator" -> indicator();
                    case "vulnerability" -> vulnerability();
                    case "attack-pattern" -> attackPattern();
                    case "marking-definition" -> marking();
                    default -> sink.skip(location, type == null ? "object without type" : type);
                }
            } catch (Values.FieldException e) {
                sink.reject(location, e.value(), e.reason());
            } catch (InvalidIocException e) {
                sink.reject(location, e.value(), e.reason());
            }
        }

        private void indicator() {
            String patternType = JsonFeeds.text(node, "pattern_type");
            String pattern = JsonFeeds.text(node, "pattern");
            if (patternType != null && !patternType.equals("stix")) {
                sink.reject(location, pattern == null ? "" : pattern, String.format(Locale.ROOT,
                        "pattern_type '%s' is not supported; only STIX patterns are imported", patternType));
                return;
            }
            if (pattern == null) {
                sink.reject(location, "", "indicator has no pattern");
                return;
            }
            List<NormalizedValue> values;
            try {
                values = PatternParser.simpleIndicatorValues(pattern);
            } catch (PatternSyntaxException e) {
                sink.reject(location, pattern,
                        String.format(Locale.ROOT, "%s (at position %d)", e.reason(), e.position()));
                return;
            } catch (InvalidIocException e) {
                sink.reject(location, e.value(), e.reason());
                return;
            }
            for (NormalizedValue value : values) {
                sink.accept(common(value).build());
            }
        }

        private void vulnerability() {
            String cve = externalId(Set.of("cve"));
            if (cve == null) {
                String name = JsonFeeds.text(node, "name");
                cve = name != null && name.strip().toUpperCase(Locale.ROOT).startsWith("CVE-") ? name : null;
            }
            if (cve == null) {
                sink.reject(location, nameOrEmpty(), "vulnerability has no CVE id in external_references "
                        + "(source_name \"cve\") or in its name");
                return;
            }
            Values.normalize(sink, location, List.of(IocType.CVE), cve)
                    .ifPresent(value -> sink.accept(common(value).build()));
        }

        private void attackPattern() {
            String technique = externalId(ATTACK_SOURCES);
            if (technique == null) {
                sink.reject(location, nameOrEmpty(),
                        "attack-pattern has no ATT&CK technique id (external_references source_name \"mitre-attack\")");
                return;
            }
            boolean withdrawn = node.path("revoked").asBoolean(false)
                    || node.path("x_mitre_deprecated").asBoolean(false);
            Values.normalize(sink, location, List.of(IocType.MITRE_ATTACK), technique)
                    .ifPresent(value -> sink.accept(common(value)
                            .name(JsonFeeds.text(node, "name"))
                            .revoked(withdrawn)
                            .build()));
        }

        private void marking() {
            String id = JsonFeeds.text(node, "id");
            Optional<Tlp> tlp = markingLevel();
            if (id != null && tlp.isPresent()) {
                markings.put(id.toLowerCase(Locale.ROOT), tlp.get());
            }
            sink.skip(location, "marking-definition");
        }

        private Optional<Tlp> markingLevel() {
            if ("tlp".equals(JsonFeeds.text(node, "definition_type"))) {
                String level = JsonFeeds.text(node.path("definition"), "tlp");
                return level == null ? Optional.empty() : Tlp.parse(level);
            }
            for (JsonNode extension : node.path("extensions")) {
                String level = JsonFeeds.text(extension, "tlp_2_0");
                if (level != null) {
                    return Tlp.parse(level);
                }
            }
            String name = JsonFeeds.text(node, "name");
            return name != null && name.toUpperCase(Locale.ROOT).startsWith("TLP:") ? Tlp.parse(name) : Optional.empty();
        }

        /** A builder with the fields every imported object type shares. */
        private Ioc.Builder common(NormalizedValue value) {
            List<String> labels = JsonFeeds.texts(node, "labels");
            List<String> indicatorTypes = JsonFeeds.texts(node, "indicator_types");
            if (indicatorTypes.isEmpty()) {
                indicatorTypes = labels.stream().filter(INDICATOR_TYPES::contains).toList();
            }
            List<String> tags = labels.stream().filter(label -> !INDICATOR_TYPES.contains(label)).toList();
            return Values.builder(value, JsonFeeds.text(node, "description"))
                    .confidence(Values.confidence("confidence", JsonFeeds.text(node, "confidence")))
                    .firstSeen(Values.time("valid_from", JsonFeeds.text(node, "valid_from")))
                    .validUntil(Values.time("valid_until", JsonFeeds.text(node, "valid_until")))
                    .tags(Values.distinct(tags))
                    .indicatorTypes(value.type().isIndicator() ? indicatorTypes : List.of())
                    .killChainPhases(attackPhases())
                    .sourceTlp(tlp())
                    .reference(referenceUrl())
                    .revoked(node.path("revoked").asBoolean(false))
                    .source(SOURCE);
        }

        private List<String> attackPhases() {
            List<String> phases = new java.util.ArrayList<>();
            for (JsonNode phase : node.path("kill_chain_phases")) {
                String chain = JsonFeeds.text(phase, "kill_chain_name");
                String name = JsonFeeds.text(phase, "phase_name");
                if (chain != null && name != null && ATTACK_SOURCES.contains(chain)) {
                    phases.add(name);
                }
            }
            return Values.distinct(phases);
        }

        /** Returns whether a marking this object references is neither an OASIS TLP id nor in {@code defined}. */
        boolean referencesUndefinedMarking(Set<String> defined) {
            for (String ref : markingRefs()) {
                if (Tlp.fromMarkingId(ref).isEmpty() && !defined.contains(ref.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        }

        private List<String> markingRefs() {
            List<String> refs = new ArrayList<>(JsonFeeds.texts(node, "object_marking_refs"));
            for (JsonNode granular : node.path("granular_markings")) {
                String ref = JsonFeeds.text(granular, "marking_ref");
                if (ref != null) {
                    refs.add(ref);
                }
            }
            return refs;
        }

        /**
         * Returns the strictest TLP among the object's markings. Granular markings count too: one on the pattern
         * or name marks the value itself, and iocd keeps one marking for the whole IOC.
         */
        private @Nullable Tlp tlp() {
            Tlp strictest = null;
            for (String ref : markingRefs()) {
                Tlp level = Tlp.fromMarkingId(ref).orElse(markings.get(ref.toLowerCase(Locale.ROOT)));
                if (level != null) {
                    strictest = strictest == null ? level : strictest.stricter(level);
                }
            }
            return strictest;
        }

        private @Nullable String externalId(Set<String> sources) {
            for (JsonNode reference : node.path("external_references")) {
                String source = JsonFeeds.text(reference, "source_name");
                String id = JsonFeeds.text(reference, "external_id");
                if (source != null && id != null && sources.contains(source.toLowerCase(Locale.ROOT))) {
                    return id;
                }
            }
            return null;
        }

        /** The ATT&CK or CVE reference URL when there is one, else the first URL of any reference. */
        private @Nullable String referenceUrl() {
            String first = null;
            for (JsonNode reference : node.path("external_references")) {
                String url = JsonFeeds.text(reference, "url");
                String source = JsonFeeds.text(reference, "source_name");
                if (url != null && source != null && (ATTACK_SOURCES.contains(source) || source.equals("cve"))) {
                    return url;
                }
                if (first == null) {
                    first = url;
                }
            }
            return first;
        }

        private String nameOrEmpty() {
            String name = JsonFeeds.text(node, "name");
            return name == null ? "" : name;
        }
    }
}
