package iocd.ioc;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One IOC as a source reports it, already normalised, before it is merged into the store. The constructor throws
 * {@link InvalidIocException}, naming the field, when a text field contains a NUL character or an unpaired
 * surrogate.
 *
 * @param type            IOC type
 * @param value           canonical value ({@link Normalizer} output)
 * @param name            title for the STIX object (attack-pattern or vulnerability name), or null for the default
 * @param description     free text, or null
 * @param confidence      0 to 100, or null when the source gives none
 * @param firstSeen       first sighting reported by the source, or null (then the store time is used)
 * @param lastSeen        last sighting, or null
 * @param validUntil      expiry, or null
 * @param tags            labels: tags and malware families, lowercase-insensitive duplicates removed by the store
 * @param killChainPhases MITRE ATT&CK tactic names ({@code command-and-control}), may be empty
 * @param indicatorTypes  STIX indicator-type vocabulary values, may be empty (then {@code malicious-activity})
 * @param sourceTlp       the source's own marking, or null when unmarked
 * @param reference       source report URL, or null
 * @param source          short name of the feed or submitter, for example {@code threatfox}, or null.
 *                        NOTE: the store does not keep it yet, so no response or export shows which feed
 *                        reported an IOC.
 * @param revoked         true when the source withdraws the IOC
 */
public record Ioc(
        IocType type,
        String value,
        @Nullable String name,
        @Nullable String description,
        @Nullable Integer confidence,
        @Nullable Instant firstSeen,
        @Nullable Instant lastSeen,
        @Nullable Instant validUntil,
        List<String> tags,
        List<String> killChainPhases,
        List<String> indicatorTypes,
        @Nullable Tlp sourceTlp,
        @Nullable String reference,
        @Nullable String source,
        boolean revoked) {

    public Ioc {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        tags = List.copyOf(tags);
        killChainPhases = List.copyOf(killChainPhases);
        indicatorTypes = List.copyOf(indicatorTypes);
        if (confidence != null && (confidence < 0 || confidence > 100)) {
            throw new InvalidIocException(String.valueOf(confidence), type,
                    "confidence must be between 0 and 100");
        }
        checkText(type, value, "value", value);
        checkText(type, value, "name", name);
        checkText(type, value, "description", description);
        checkTexts(type, value, "tags", tags);
        checkTexts(type, value, "kill_chain_phases", killChainPhases);
        checkTexts(type, value, "indicator_types", indicatorTypes);
        checkText(type, value, "reference", reference);
        checkText(type, value, "source", source);
        checkLength(type, value, "name", name, MAX_NAME);
        checkLength(type, value, "description", description, MAX_DESCRIPTION);
        checkLength(type, value, "reference", reference, MAX_REFERENCE);
        checkList(type, value, "tags", tags);
        checkList(type, value, "kill_chain_phases", killChainPhases);
        checkList(type, value, "indicator_types", indicatorTypes);
        checkTime(type, value, "first_seen", firstSeen);
        checkTime(type, value, "last_seen", lastSeen);
        checkTime(type, value, "valid_until", validUntil);
    }

    // Size limits: far above what feeds send, low enough that one IOC cannot make every reader download megabytes.
    /** Maximum length of {@code name}, in characters. */
    public static final int MAX_NAME = 1_000;
    /** Maximum length of {@code description}, in characters. */
    public static final int MAX_DESCRIPTION = 65_536;
    /** Maximum length of {@code reference}, in characters. */
    public static final int MAX_REFERENCE = 8_192;
    /** Maximum number of entries in tags, kill chain phases and indicator types, each. */
    public static final int MAX_LIST = 1_000;
    /** Maximum length of one tag, kill chain phase or indicator type, in characters. */
    public static final int MAX_LIST_ENTRY = 1_000;

    private static void checkLength(IocType type, String value, String field, @Nullable String text, int max) {
        if (text != null && text.length() > max) {
            throw new InvalidIocException(Refanger.printable(value), type, String.format(Locale.ROOT,
                    "%s has %d characters, more than the %d allowed; shorten it", field, text.length(), max));
        }
    }

    private static void checkList(IocType type, String value, String field, List<String> texts) {
        if (texts.size() > MAX_LIST) {
            throw new InvalidIocException(Refanger.printable(value), type, String.format(Locale.ROOT,
                    "%s has %d entries, more than the %d allowed; keep the ones that matter", field, texts.size(),
                    MAX_LIST));
        }
        for (int i = 0; i < texts.size(); i++) {
            checkLength(type, value, field + "[" + i + "]", texts.get(i), MAX_LIST_ENTRY);
        }
    }

    /** Earliest time an IOC may carry: STIX timestamps have four-digit years. */
    public static final Instant EARLIEST_TIME = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest time an IOC may carry. */
    public static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** Returns whether {@code time} can be written as a STIX timestamp and stored in microseconds. */
    public static boolean isStixTime(Instant time) {
        return !time.isBefore(EARLIEST_TIME) && !time.isAfter(LATEST_TIME);
    }

    private static void checkTime(IocType type, String value, String field, @Nullable Instant time) {
        if (time != null && !isStixTime(time)) {
            throw new InvalidIocException(Refanger.printable(value), type, field + " " + time
                    + " is outside the years 0001 to 9999 that STIX timestamps can express; correct or omit it");
        }
    }

    /**
     * Rejects text that a store cannot keep as given (see {@link StorableText}), here and not in the store, so that
     * both stores and every input path reject the same IOCs, one by one, before a batch is merged.
     */
    private static void checkText(IocType type, String value, String field, @Nullable String text) {
        String problem = text == null ? null : StorableText.problem(field, text);
        if (problem != null) {
            throw new InvalidIocException(Refanger.printable(value), type, problem);
        }
    }

    private static void checkTexts(IocType type, String value, String field, List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            checkText(type, value, field + "[" + i + "]", texts.get(i));
        }
    }

    /** Starts a builder for a normalised value. */
    public static Builder builder(IocType type, String value) {
        return new Builder(type, value);
    }

    /** Starts a builder from a {@link NormalizedValue}; a split-off port goes into the description. */
    public static Builder builder(NormalizedValue normalized) {
        Builder builder = new Builder(normalized.type(), normalized.value());
        if (normalized.port() != null) {
            builder.description("Observed on port " + normalized.port());
        }
        return builder;
    }

    /** Collects optional fields; {@link #build()} validates them. */
    public static final class Builder {
        private final IocType type;
        private final String value;
        private @Nullable String name;
        private @Nullable String description;
        private @Nullable Integer confidence;
        private @Nullable Instant firstSeen;
        private @Nullable Instant lastSeen;
        private @Nullable Instant validUntil;
        private List<String> tags = List.of();
        private List<String> killChainPhases = List.of();
        private List<String> indicatorTypes = List.of();
        private @Nullable Tlp sourceTlp;
        private @Nullable String reference;
        private @Nullable String source;
        private boolean revoked;

        private Builder(IocType type, String value) {
            this.type = type;
            this.value = value;
        }

        public Builder name(@Nullable String name) { this.name = name; return this; }
        public Builder description(@Nullable String description) { this.description = description; return this; }
        public Builder confidence(@Nullable Integer confidence) { this.confidence = confidence; return this; }
        public Builder firstSeen(@Nullable Instant firstSeen) { this.firstSeen = firstSeen; return this; }
        public Builder lastSeen(@Nullable Instant lastSeen) { this.lastSeen = lastSeen; return this; }
        public Builder validUntil(@Nullable Instant validUntil) { this.validUntil = validUntil; return this; }
        public Builder tags(List<String> tags) { this.tags = tags; return this; }
        public Builder killChainPhases(List<String> phases) { this.killChainPhases = phases; return this; }
        public Builder indicatorTypes(List<String> types) { this.indicatorTypes = types; return this; }
        public Builder sourceTlp(@Nullable Tlp sourceTlp) { this.sourceTlp = sourceTlp; return this; }
        public Builder reference(@Nullable String reference) { this.reference = reference; return this; }
        public Builder source(@Nullable String source) { this.source = source; return this; }
        public Builder revoked(boolean revoked) { this.revoked = revoked; return this; }

        public Ioc build() {
            return new Ioc(type, value, name, description, confidence, firstSeen, lastSeen, validUntil, tags,
                    killChainPhases, indicatorTypes, sourceTlp, reference, source, revoked);
        }
    }
}
