package iocd.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import iocd.auth.ApiKeys;
import iocd.auth.Scope;
import iocd.ioc.Tlp;
import iocd.stix.Timestamps;
import iocd.store.ApiKeyRecord;
import java.io.IOException;

/**
 * Key management for keys with the {@code admin} scope: {@code GET /api/v1/keys}, {@code POST /api/v1/keys}
 * ({@code {"plan", "name", "clearance"?}}; the new key is in the response, once) and
 * {@code DELETE /api/v1/keys/{id}}. No other key can list or revoke keys.
 */
final class KeyRoutes {
    static final String PATH = "/api/v1/keys";
    private static final JsonFactory JSON = new JsonFactory();
    // Trailing content after the JSON value means a truncated or concatenated body; reject it, not half-read it.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ApiKeys keys;
    private final Authenticator authenticator;
    private final long maxBodyBytes;

    KeyRoutes(ApiKeys keys, Authenticator authenticator, long maxBodyBytes) {
        this.keys = keys;
        this.authenticator = authenticator;
        this.maxBodyBytes = maxBodyBytes;
    }

    void list(Context ctx) throws IOException {
        authenticator.require(ctx, Scope.ADMIN);
        ctx.contentType("application/json");
        try (JsonGenerator g = JSON.createGenerator(ctx.outputStream())) {
            g.writeStartObject();
            g.writeArrayFieldStart("keys");
            for (ApiKeyRecord key : keys.list()) {
                write(g, key);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    void create(Context ctx) throws IOException {
        authenticator.require(ctx, Scope.ADMIN);
        JsonNode body;
        try {
            body = MAPPER.readTree(RequestBodies.open(ctx, maxBodyBytes));
        } catch (IOException e) {
            throw RequestBodies.unreadableJson(e);
        }
        if (body == null || !body.isObject() || !body.path("plan").isTextual() || !body.path("name").isTextual()) {
            throw new ApiException(400, "invalid_body",
                    "expected {\"plan\": \"pro\", \"name\": \"...\", \"clearance\": \"amber\"}");
        }
        String clearanceText = body.path("clearance").asText("amber");
        Tlp clearance = Tlp.parse(clearanceText).orElseThrow(() -> new ApiException(400, "invalid_body",
                "unknown clearance '" + ApiException.printable(clearanceText)
                        + "'; expected clear, green, amber, amber+strict or red"));
        ApiKeys.CreatedKey created = keys.create(body.get("plan").asText(), body.get("name").asText(), clearance);
        ctx.status(201);
        ctx.contentType("application/json");
        try (JsonGenerator g = JSON.createGenerator(ctx.outputStream())) {
            g.writeStartObject();
            g.writeStringField("key", created.secret());
            g.writeFieldName("record");
            write(g, created.record());
            g.writeEndObject();
        }
    }

    void revoke(Context ctx) {
        authenticator.require(ctx, Scope.ADMIN);
        String id = ctx.pathParam("id");
        if (!keys.revoke(id)) {
            throw ApiException.notFound("no key with id '" + ApiException.printable(id) + "'");
        }
        ctx.status(204);
    }

    private static void write(JsonGenerator g, ApiKeyRecord key) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", key.id());
        g.writeStringField("name", key.name());
        g.writeStringField("plan", key.plan());
        g.writeStringField("clearance", key.clearance().apiName());
        g.writeStringField("prefix", key.prefix());
        g.writeStringField("created", Timestamps.stix(key.created()));
        if (key.revoked() != null) {
            g.writeStringField("revoked", Timestamps.stix(key.revoked()));
        }
        g.writeEndObject();
    }
}
