package iocd.stix;

import com.fasterxml.jackson.core.JsonGenerator;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.store.StoredIoc;
import java.io.IOException;
import java.net.IDN;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Writes the STIX object of one stored IOC: an indicator, a vulnerability or an attack-pattern. */
final class ObjectWriter {
    /** {@code source_name} of the external reference that carries an IOC's source report URL. */
    static final String SOURCE_REFERENCE_NAME = "iocd-source";

    static final String DEFAULT_INDICATOR_TYPE = "malicious-activity";

    private static final String MITRE_KILL_CHAIN = "mitre-attack";
    private static final String ATTACK_TECHNIQUE_URL = "https://attack.mitre.org/techniques/";

    private final RenderSettings settings;

    ObjectWriter(RenderSettings settings) {
        this.settings = settings;
    }

    void write(JsonGenerator g, StoredIoc ioc, boolean withIdentity, Tlp tlp) throws IOException {
        Integer confidence = ioc.confidence();
        if (confidence != null && (confidence < 0 || confidence > 100)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "confidence %d of %s is invalid: STIX confidence must be between 0 and 100",
                    confidence, ioc.stixId()));
        }
        g.writeStartObject();
        writeCommonHead(g, ioc, withIdentity);
        switch (ioc.type()) {
            case CVE -> writeVulnerabilityBody(g, ioc);
            case MITRE_ATTACK -> writeAttackPatternBody(g, ioc);
            default -> writeIndicatorBody(g, ioc);
        }
        writeCommonTail(g, ioc, tlp);
        g.writeEndObject();
    }

    private void writeCommonHead(JsonGenerator g, StoredIoc ioc, boolean withIdentity) throws IOException {
        g.writeStringField("type", ioc.type().stixType());
        g.writeStringField("spec_version", "2.1");
        g.writeStringField("id", ioc.stixId());
        if (withIdentity) {
            g.writeStringField("created_by_ref", settings.identityId());
        }
        g.writeStringField("created", Timestamps.stix(ioc.created()));
        g.writeStringField("modified", Timestamps.stix(ioc.modified()));
    }

    private static void writeIndicatorBody(JsonGenerator g, StoredIoc ioc) throws IOException {
        List<String> indicatorTypes = indicatorTypes(ioc);
        g.writeStringField("name", indicatorName(ioc, indicatorTypes));
        g.writeStringField("description", indicatorDescription(ioc));
        writeStrings(g, "indicator_types", indicatorTypes);
        g.writeStringField("pattern", Patterns.build(ioc.type(), ioc.value()));
        g.writeStringField("pattern_type", "stix");
        g.writeStringField("pattern_version", "2.1");
        g.writeStringField("valid_from", Timestamps.stix(ioc.validFrom()));
        Instant validUntil = ioc.validUntil();
        if (validUntil != null && isAfterAtMillis(validUntil, ioc.validFrom())) {
            g.writeStringField("valid_until", Timestamps.stix(validUntil));
        }
        writeKillChainPhases(g, ioc.killChainPhases());
        writeExternalReferences(g, sourceReference(ioc));
    }

    private static void writeVulnerabilityBody(JsonGenerator g, StoredIoc ioc) throws IOException {
        g.writeStringField("name", ioc.value());
        writeOptional(g, "description", vulnerabilityDescription(ioc));
        List<ExternalReference> references = new ArrayList<>();
        references.add(new ExternalReference("cve", ioc.value(), null));
        references.addAll(sourceReference(ioc));
        writeExternalReferences(g, references);
    }

    private static void writeAttackPatternBody(JsonGenerator g, StoredIoc ioc) throws IOException {
        g.writeStringField("name", isBlank(ioc.name()) ? ioc.value() : ioc.name());
        writeOptional(g, "description", ioc.description());
        writeKillChainPhases(g, ioc.killChainPhases());
        List<ExternalReference> references = new ArrayList<>();
        references.add(new ExternalReference("mitre-attack", ioc.value(), techniqueUrl(ioc.value())));
        references.addAll(sourceReference(ioc));
        writeExternalReferences(g, references);
    }

    private static void writeCommonTail(JsonGenerator g, StoredIoc ioc, Tlp tlp) throws IOException {
        writeStrings(g, "labels", ioc.tags());
        if (ioc.confidence() != null) {
            g.writeNumberField("confidence", ioc.confidence());
        }
        if (ioc.revoked()) {
            g.writeBooleanField("revoked", true);
        }
        writeStrings(g, "object_marking_refs", List.of(tlp.markingId()));
    }

    private static List<String> indicatorTypes(StoredIoc ioc) {
        return ioc.indicatorTypes().isEmpty() ? List.of(DEFAULT_INDICATOR_TYPE) : ioc.indicatorTypes();
    }

    /**
     * Returns the stored name, else "Malicious IPv4 Address - 198.51.100.7", with "Malicious" only for malicious
     * activity.
     */
    private static String indicatorName(StoredIoc ioc, List<String> indicatorTypes) {
        String name = ioc.name();
        if (name != null && !name.isBlank()) {
            return name;
        }
        String subject = ioc.type().label() + " - " + displayValue(ioc);
        return indicatorTypes.contains(DEFAULT_INDICATOR_TYPE) ? "Malicious " + subject : subject;
    }

    private static String indicatorDescription(StoredIoc ioc) {
        String description = ioc.description();
        if (description != null && !description.isBlank()) {
            return description;
        }
        // STIX recommends a description on every indicator, so without a stored one, state what the pattern matches.
        return ioc.type().label() + " " + displayValue(ioc) + " reported as an indicator of compromise.";
    }

    /** Returns the value, with the Unicode form of an internationalised domain name shown next to its A-label form. */
    private static String displayValue(StoredIoc ioc) {
        // Canonical domains are lowercase A-labels, so only a name with an "xn--" label has another Unicode form.
        if (ioc.type() != IocType.DOMAIN || !ioc.value().contains("xn--")) {
            return ioc.value();
        }
        String unicode = IDN.toUnicode(ioc.value(), IDN.ALLOW_UNASSIGNED);
        return unicode.equals(ioc.value()) ? ioc.value() : unicode + " (" + ioc.value() + ")";
    }

    /** Returns the stored description, preceded by the stored title when that title is not the CVE id itself. */
    private static @Nullable String vulnerabilityDescription(StoredIoc ioc) {
        String title = isBlank(ioc.name()) || ioc.value().equals(ioc.name()) ? null : ioc.name();
        String description = isBlank(ioc.description()) ? null : ioc.description();
        if (title == null || description == null) {
            return title == null ? description : title;
        }
        return title + "\n\n" + description;
    }

    /** ATT&CK page of a technique: {@code T1059.001} lives under {@code techniques/T1059/001/}. */
    static String techniqueUrl(String techniqueId) {
        return ATTACK_TECHNIQUE_URL + techniqueId.replace('.', '/') + "/";
    }

    private static List<ExternalReference> sourceReference(StoredIoc ioc) {
        String reference = ioc.reference();
        return isBlank(reference) ? List.of() : List.of(new ExternalReference(SOURCE_REFERENCE_NAME, null, reference));
    }

    // Both times are written at millisecond precision, so they must differ at that precision: an expiry half a
    // millisecond after valid_from would be written as the same timestamp, which STIX forbids.
    private static boolean isAfterAtMillis(Instant later, Instant earlier) {
        return Timestamps.toMillis(later).isAfter(Timestamps.toMillis(earlier));
    }

    private static void writeKillChainPhases(JsonGenerator g, List<String> phases) throws IOException {
        if (phases.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("kill_chain_phases");
        for (String phase : phases) {
            g.writeStartObject();
            g.writeStringField("kill_chain_name", MITRE_KILL_CHAIN);
            g.writeStringField("phase_name", phase);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeExternalReferences(JsonGenerator g, List<ExternalReference> references)
            throws IOException {
        if (references.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("external_references");
        for (ExternalReference reference : references) {
            g.writeStartObject();
            g.writeStringField("source_name", reference.sourceName());
            writeOptional(g, "external_id", reference.externalId());
            writeOptional(g, "url", reference.url());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static void writeOptional(JsonGenerator g, String field, @Nullable String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static boolean isBlank(@Nullable String text) {
        return text == null || text.isBlank();
    }

    private record ExternalReference(String sourceName, @Nullable String externalId, @Nullable String url) {
    }
}
