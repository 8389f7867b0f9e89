package iocd.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * JSON reading shared by the JSON formats: one streaming parser per file, records read one at a time as small
 * trees, and Jackson's read errors turned into {@link ImportException}s that name the line.
 */
final class JsonFeeds {
    /** Cap on one JSON string, the same as the line cap of the text formats: 1 MiB. */
    static final int MAX_STRING_LENGTH = LineReader.DEFAULT_MAX_BYTES;

    // The caller owns the input stream: the importer's stream variant promises not to close it.
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_LENGTH).build())
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build());

    private JsonFeeds() {
    }

    /**
     * Cap on a JSON document read as one tree: 128 MiB. The tree takes several times the document's size in heap,
     * so a larger document stops with a clear message instead of exhausting memory.
     */
    static final long MAX_TREE_DOCUMENT_LENGTH = 128L << 20;

    private static final JsonFactory TREE_FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxDocumentLength(MAX_TREE_DOCUMENT_LENGTH)
                    .build())
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    /** Opens a parser for streaming, record by record. */
    static JsonParser open(InputStream in) throws IOException {
        return MAPPER.createParser(in);
    }

    /** Opens a parser for a document read whole as one tree, capped at {@link #MAX_TREE_DOCUMENT_LENGTH}. */
    static JsonParser openWhole(InputStream in) throws IOException {
        return TREE_FACTORY.createParser(in);
    }

    static JsonNode readTree(JsonParser parser) throws IOException {
        return MAPPER.readTree(parser);
    }

    /** Reads the next token, turning a syntax error or early end into an {@link ImportException}. */
    static @Nullable JsonToken next(JsonParser parser) throws IOException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            throw malformed(parser, e);
        }
    }

    /** Reads the value the parser is on as a tree, turning read errors into an {@link ImportException}. */
    static JsonNode tree(JsonParser parser) throws IOException {
        try {
            JsonNode node = readTree(parser);
            if (node == null) {
                throw ImportException.malformed("JSON ends before the expected value", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(parser, e);
        }
    }

    /**
     * Returns the text of the token the parser is on. Jackson decodes a string value only when it is asked for, so
     * a bad character inside it surfaces here, not in {@link #next}.
     */
    static String currentText(JsonParser parser) throws IOException {
        try {
            return parser.getText();
        } catch (JsonProcessingException e) {
            throw malformed(parser, e);
        }
    }

    /** Skips the object or array the parser is on without reading it into memory. */
    static void skipChildren(JsonParser parser) throws IOException {
        try {
            parser.skipChildren();
        } catch (JsonProcessingException e) {
            throw malformed(parser, e);
        }
    }

    static ImportException malformed(JsonParser parser, JsonProcessingException e) {
        String detail = e.getOriginalMessage();
        long line = e.getLocation() != null ? e.getLocation().getLineNr() : parser.currentLocation().getLineNr();
        return ImportException.malformed(
                String.format(Locale.ROOT, "invalid JSON at line %d: %s", line, detail), e);
    }

    static ImportException unexpected(JsonParser parser, String expected) {
        return ImportException.malformed(String.format(Locale.ROOT, "invalid JSON at line %d: expected %s",
                parser.currentLocation().getLineNr(), expected), null);
    }

    /** Returns a text field, or null when absent, JSON null or blank. Numbers are returned as their text. */
    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /** Returns the text elements of an array field; empty when absent or not an array. */
    static List<String> texts(JsonNode node, String field) {
        JsonNode value = node.get(field);
        List<String> texts = new ArrayList<>();
        if (value != null && value.isArray()) {
            for (JsonNode element : value) {
                if (element.isValueNode() && !element.isNull()) {
                    texts.add(element.asText());
                }
            }
        }
        return texts;
    }
}
