package iocd.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import iocd.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates STIX 2.1 JSON against the OASIS JSON schemas (draft 2020-12) from {@link TestData#schemas()}.
 *
 * <p>The schemas name each other by their published {@code $id} URLs. Those URLs are mapped to the local folder,
 * so validation reads only local files. Each object is checked against the schema of its {@code type}: an SDO
 * under {@code sdos/}, an SRO under {@code sros/}, an observable under {@code observables/}, and
 * {@code bundle} and {@code marking-definition} under {@code common/}. Thread-safe.
 */
public final class StixSchemaValidator {
    /** Prefix of every {@code $id} in the OASIS STIX 2.1 schemas. */
    static final String SCHEMA_ID_PREFIX =
            "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

    private static final List<String> FOLDERS = List.of("sdos", "sros", "observables", "common");

    private final Path folder;
    private final JsonSchemaFactory factory;
    private final Map<String, JsonSchema> schemasByType = new ConcurrentHashMap<>();

    private StixSchemaValidator(Path folder) {
        this.folder = folder;
        String localPrefix = folder.toUri().toString();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_ID_PREFIX, localPrefix)));
    }

    /** Returns a validator over the schemas folder of the test environment, or empty when none is configured. */
    public static Optional<StixSchemaValidator> load() {
        return TestData.schemas().map(StixSchemaValidator::new);
    }

    /**
     * Validates one STIX object or bundle and returns one message per violation, empty when valid. An object
     * without a {@code type}, or of a type with no schema, yields a message saying so.
     */
    public List<String> validate(JsonNode object) {
        String type = object.path("type").asText("");
        Optional<JsonSchema> schema = schemaFor(type);
        if (schema.isEmpty()) {
            return List.of(String.format(Locale.ROOT, "no OASIS schema for STIX type '%s'", type));
        }
        return schema.get().validate(object).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    private Optional<JsonSchema> schemaFor(String type) {
        if (!type.matches("[a-z][a-z0-9-]*")) {
            return Optional.empty();
        }
        JsonSchema cached = schemasByType.get(type);
        if (cached != null) {
            return Optional.of(cached);
        }
        for (String sub : FOLDERS) {
            if (Files.isRegularFile(folder.resolve(sub).resolve(type + ".json"))) {
                JsonSchema schema = factory.getSchema(SchemaLocation.of(SCHEMA_ID_PREFIX + sub + "/" + type + ".json"));
                schemasByType.put(type, schema);
                return Optional.of(schema);
            }
        }
        return Optional.empty();
    }
}
