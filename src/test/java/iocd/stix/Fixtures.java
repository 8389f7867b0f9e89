package iocd.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.store.StoredIoc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Fixed ids, times and IOCs for the renderer tests, so output can be compared with golden files. */
final class Fixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static final String IDENTITY_ID = "identity--5d2f6a0e-3c1b-4e8a-9f47-0b6d2c8e1a73";
    static final Instant IDENTITY_CREATED = Instant.parse("2026-01-15T08:30:00Z");
    static final String BUNDLE_ID = "bundle--0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f";

    static final Instant CREATED = Instant.parse("2026-05-01T10:00:00Z");
    static final Instant MODIFIED = Instant.parse("2026-05-02T11:30:15.250Z");
    static final Instant FIRST_SEEN = Instant.parse("2026-04-30T22:15:00Z");
    static final Instant EXPIRY = Instant.parse("2026-07-30T22:15:00Z");

    private Fixtures() {
    }

    static RenderSettings settings() {
        return RenderSettings.defaults(IDENTITY_ID, IDENTITY_CREATED);
    }

    static StixRenderer renderer() {
        return new StixRenderer(settings());
    }

    static Builder ioc(IocType type, String value) {
        return new Builder(type, value);
    }

    /** Renders one object with {@link StixRenderer#writeObject} and parses it back. */
    static JsonNode object(StixRenderer renderer, StoredIoc ioc, RenderOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var g = renderer.createGenerator(out)) {
            renderer.writeObject(g, ioc, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(out);
    }

    static JsonNode bundle(StixRenderer renderer, List<StoredIoc> page, RenderOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            renderer.writeBundle(out, page, options, BUNDLE_ID);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(out);
    }

    static JsonNode parse(ByteArrayOutputStream out) {
        try {
            return MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builder of a stored IOC with fixed times and id, whose optional fields stay empty unless set. */
    static final class Builder {
        private final IocType type;
        private final String value;
        private UUID id = UUID.fromString("6c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6");
        private @Nullable String name;
        private @Nullable String description;
        private @Nullable Integer confidence;
        private Instant validFrom = FIRST_SEEN;
        private @Nullable Instant validUntil;
        private List<String> tags = List.of();
        private List<String> killChainPhases = List.of();
        private List<String> indicatorTypes = List.of();
        private @Nullable Tlp sourceTlp;
        private @Nullable String reference;
        private boolean revoked;

        private Builder(IocType type, String value) {
            this.type = type;
            this.value = value;
        }

        Builder id(String uuid) { this.id = UUID.fromString(uuid); return this; }
        Builder name(@Nullable String name) { this.name = name; return this; }
        Builder description(@Nullable String description) { this.description = description; return this; }
        Builder confidence(@Nullable Integer confidence) { this.confidence = confidence; return this; }
        Builder validFrom(Instant validFrom) { this.validFrom = validFrom; return this; }
        Builder validUntil(@Nullable Instant validUntil) { this.validUntil = validUntil; return this; }
        Builder tags(String... tags) { this.tags = List.of(tags); return this; }
        Builder killChainPhases(String... phases) { this.killChainPhases = List.of(phases); return this; }
        Builder indicatorTypes(String... types) { this.indicatorTypes = List.of(types); return this; }
        Builder sourceTlp(@Nullable Tlp sourceTlp) { this.sourceTlp = sourceTlp; return this; }
        Builder reference(@Nullable String reference) { this.reference = reference; return this; }
        Builder revoked(boolean revoked) { this.revoked = revoked; return this; }

        StoredIoc build() {
            return new StoredIoc(id, type, value, name, description, confidence, CREATED, MODIFIED, validFrom, null,
                    validUntil, tags, killChainPhases, indicatorTypes, sourceTlp, reference, revoked, 2, 42L,
                    MODIFIED.plusNanos(123_000));
        }
    }
}
