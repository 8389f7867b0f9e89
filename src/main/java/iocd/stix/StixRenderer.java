package iocd.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import iocd.ioc.Tlp;
import iocd.store.StoredIoc;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes stored IOCs as STIX 2.1 objects, together with the identity SDO and the TLP 2.0 marking definitions
 * they reference, on Jackson's streaming generator.
 *
 * <p>Each IOC becomes one object whose id is {@link StoredIoc#stixId()}: an {@code indicator} for the nine
 * observable types, a {@code vulnerability} for {@code cve} and an {@code attack-pattern} for
 * {@code mitre_attack}. Properties without a value are omitted, and so are empty lists, as STIX requires.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class StixRenderer {
    /** Id of the OASIS extension definition that defines TLP 2.0 markings. */
    static final String TLP_2_0_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    /** The fixed {@code created} time of the five OASIS TLP 2.0 marking definitions. */
    static final String TLP_2_0_CREATED = "2022-10-01T00:00:00.000Z";

    // The caller owns the stream. When rendering fails halfway, the output stays unterminated JSON, so a client
    // cannot mistake a truncated bundle for a complete one.
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .build();

    private static final Pattern BUNDLE_ID = Pattern.compile(
            "bundle--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private final RenderSettings settings;
    private final ObjectWriter objects;

    public StixRenderer(RenderSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.objects = new ObjectWriter(settings);
    }

    public RenderSettings settings() {
        return settings;
    }

    /**
     * Creates a UTF-8 generator on {@code out} from the renderer's shared factory. Closing the generator flushes
     * {@code out} but does not close it, and a generator closed after a failure leaves its JSON unterminated.
     */
    public JsonGenerator createGenerator(OutputStream out) throws IOException {
        return JSON.createGenerator(out);
    }

    /**
     * Writes {@code {"type":"bundle","id":…,"objects":[…]}} to {@code out}: the identity (when
     * {@code includeIdentity}), then the marking definitions the page references in TLP order from CLEAR to RED
     * (when {@code includeMarkings}), then one object per IOC in page order. {@code objects} is left out when
     * there is nothing to put in it. Flushes {@code out} but does not close it.
     *
     * @param bundleId {@code bundle--<UUID>}, normally a fresh UUIDv4 per response
     * @throws IllegalArgumentException when {@code bundleId} is not a bundle id
     */
    public void writeBundle(OutputStream out, List<StoredIoc> page, RenderOptions options, String bundleId)
            throws IOException {
        if (!BUNDLE_ID.matcher(bundleId).matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "bundle id '%s' is invalid: it must be 'bundle--' followed by a lowercase UUID", bundleId));
        }
        try (JsonGenerator g = createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "bundle");
            g.writeStringField("id", bundleId);
            if (!page.isEmpty() || options.includeIdentity()) {
                g.writeFieldName("objects");
                writeContents(g, page, options);
            }
            g.writeEndObject();
        }
    }

    /**
     * Writes the same objects as {@link #writeBundle} as a bare JSON array ({@code []} when there are none).
     * Flushes {@code out} but does not close it.
     */
    public void writeObjectsArray(OutputStream out, List<StoredIoc> page, RenderOptions options) throws IOException {
        try (JsonGenerator g = createGenerator(out)) {
            writeContents(g, page, options);
        }
    }

    /**
     * Writes one IOC as a STIX object. Identity and marking definitions are not written here: the object only
     * references them, through {@code created_by_ref} (when {@code includeIdentity}) and
     * {@code object_marking_refs} (always, with the id of {@link #effectiveTlp}).
     *
     * @throws IllegalArgumentException when the stored confidence lies outside 0 to 100
     */
    public void writeObject(JsonGenerator g, StoredIoc ioc, RenderOptions options) throws IOException {
        objects.write(g, ioc, options.includeIdentity(), effectiveTlp(ioc, options.forcedTlp()));
    }

    /**
     * Returns the TLP an IOC is published under. Without a requested level it is the stricter of the source marking
     * and the confidence default (see {@link RenderSettings#greenThreshold()}). A requested level replaces the
     * confidence default but never loosens the source marking, so {@code clear} on an AMBER-sourced IOC stays AMBER.
     */
    public Tlp effectiveTlp(StoredIoc ioc, @Nullable Tlp requested) {
        if (requested == null) {
            return ioc.baseTlp(settings.greenThreshold());
        }
        return ioc.sourceTlp() == null ? requested : requested.stricter(ioc.sourceTlp());
    }

    /** Writes the identity SDO (an organisation) named in the settings, with {@code created} as {@code modified}. */
    public void writeIdentity(JsonGenerator g) throws IOException {
        String created = Timestamps.stix(settings.identityCreated());
        g.writeStartObject();
        g.writeStringField("type", "identity");
        g.writeStringField("spec_version", "2.1");
        g.writeStringField("id", settings.identityId());
        g.writeStringField("created", created);
        g.writeStringField("modified", created);
        g.writeStringField("name", settings.identityName());
        g.writeStringField("identity_class", "organization");
        g.writeEndObject();
    }

    /**
     * Writes the OASIS TLP 2.0 marking definition of {@code tlp} exactly as OASIS publishes it: no
     * {@code modified}, no {@code definition_type}, the level in the TLP 2.0 property extension.
     */
    public void writeMarking(JsonGenerator g, Tlp tlp) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "marking-definition");
        g.writeStringField("spec_version", "2.1");
        g.writeStringField("id", tlp.markingId());
        g.writeStringField("created", TLP_2_0_CREATED);
        g.writeStringField("name", tlp.stixName());
        g.writeObjectFieldStart("extensions");
        g.writeObjectFieldStart(TLP_2_0_EXTENSION);
        g.writeStringField("extension_type", "property-extension");
        g.writeStringField("tlp_2_0", tlp.apiName());
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private void writeContents(JsonGenerator g, List<StoredIoc> page, RenderOptions options) throws IOException {
        g.writeStartArray();
        if (options.includeIdentity()) {
            writeIdentity(g);
        }
        if (options.includeMarkings()) {
            for (Tlp tlp : referencedMarkings(page, options)) {
                writeMarking(g, tlp);
            }
        }
        for (StoredIoc ioc : page) {
            writeObject(g, ioc, options);
        }
        g.writeEndArray();
    }

    // EnumSet iterates in declaration order, CLEAR to RED, which gives the stable order.
    private Set<Tlp> referencedMarkings(List<StoredIoc> page, RenderOptions options) {
        Set<Tlp> levels = EnumSet.noneOf(Tlp.class);
        for (StoredIoc ioc : page) {
            levels.add(effectiveTlp(ioc, options.forcedTlp()));
        }
        return levels;
    }
}
