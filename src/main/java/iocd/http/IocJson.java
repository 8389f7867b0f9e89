package iocd.http;

import com.fasterxml.jackson.core.JsonGenerator;
import iocd.stix.Timestamps;
import iocd.store.StoredIoc;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** The REST v1 JSON form of a stored IOC. */
final class IocJson {
    private IocJson() {
    }

    static void write(JsonGenerator g, StoredIoc ioc, int greenThreshold) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", ioc.stixId());
        g.writeStringField("type", ioc.type().apiName());
        g.writeStringField("value", ioc.value());
        writeIfPresent(g, "name", ioc.name());
        writeIfPresent(g, "description", ioc.description());
        if (ioc.confidence() != null) {
            g.writeNumberField("confidence", ioc.confidence());
        }
        g.writeStringField("tlp", ioc.baseTlp(greenThreshold).apiName());
        writeList(g, "tags", ioc.tags());
        writeList(g, "kill_chain_phases", ioc.killChainPhases());
        writeList(g, "indicator_types", ioc.indicatorTypes());
        writeTime(g, "first_seen", ioc.validFrom());
        writeTime(g, "last_seen", ioc.lastSeen());
        writeTime(g, "valid_until", ioc.validUntil());
        writeTime(g, "created", ioc.created());
        writeTime(g, "modified", ioc.modified());
        g.writeNumberField("version", ioc.version());
        g.writeBooleanField("revoked", ioc.revoked());
        writeIfPresent(g, "reference", ioc.reference());
        g.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void writeTime(JsonGenerator g, String field, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(field, Timestamps.stix(value));
        }
    }

    private static void writeList(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }
}
