package iocd.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.InvalidIocException;
import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * abuse.ch Feodo Tracker botnet C2 blocklist, JSON flavour ({@code ipblocklist.json}): an array of entries
 * {@code ip_address, port, status, hostname, as_number, as_name, country, first_seen, last_online, malware}, read
 * entry by entry.
 *
 * <p>Each entry becomes one ipv4 or ipv6 IOC. The port goes into the description as for ThreatFox
 * {@code ip:port} values, {@code malware} is the tag, {@code first_seen} (UTC) is first seen and
 * {@code last_online}, a bare date, is last seen at the start of that day in UTC. Every entry is a C2 server, so
 * the indicator type is {@code malicious-activity} and the kill chain phase {@code command-and-control}, as for
 * ThreatFox {@code botnet_cc}. {@code status}, {@code hostname}, the AS fields and {@code country} are not kept,
 * because the IOC model has no field for them.
 *
 * <p>An entry that is not an object, or whose {@code ip_address}, {@code port} or times are unusable, is rejected
 * and reading goes on.
 */
final class FeodoParser implements FeedParser {
    static final String SOURCE = "feodotracker";

    private static final List<IocType> IP_TYPES = List.of(IocType.IPV4, IocType.IPV6);

    @Override
    public void parse(InputStream in, IocSink sink) throws IOException {
        try (JsonParser parser = JsonFeeds.open(in)) {
            if (JsonFeeds.next(parser) != JsonToken.START_ARRAY) {
                throw JsonFeeds.unexpected(parser, "a JSON array of Feodo Tracker entries");
            }
            int index = 0;
            for (JsonToken token = JsonFeeds.next(parser); token != JsonToken.END_ARRAY;
                    token = JsonFeeds.next(parser)) {
                if (token == null) {
                    throw JsonFeeds.unexpected(parser, "the end of the Feodo Tracker array");
                }
                index++;
                String location = "entry " + index;
                if (token == JsonToken.START_OBJECT) {
                    entry(JsonFeeds.tree(parser), location, sink);
                } else {
                    rejectNonObject(parser, token, location, sink);
                }
            }
            if (JsonFeeds.next(parser) != null) {
                throw JsonFeeds.unexpected(parser, "the end of the input after the Feodo Tracker array");
            }
        }
    }

    private static void rejectNonObject(JsonParser parser, JsonToken token, String location, IocSink sink)
            throws IOException {
        String value = "";
        if (token == JsonToken.START_ARRAY) {
            skipArray(parser);
        } else {
            value = parser.getText();
        }
        sink.reject(location, value, "entry is " + kind(token) + ", not a JSON object");
    }

    /** Skips a nested array without reading it into memory, turning a read error into an ImportException. */
    private static void skipArray(JsonParser parser) throws IOException {
        try {
            parser.skipChildren();
        } catch (JsonProcessingException e) {
            throw JsonFeeds.malformed(parser, e);
        }
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "the JSON token " + token;
        };
    }

    private static void entry(JsonNode node, String location, IocSink sink) {
        String address = JsonFeeds.text(node, "ip_address");
        if (address == null) {
            sink.reject(location, "", "missing ip_address");
            return;
        }
        Optional<NormalizedValue> normalized = Values.normalize(sink, location, IP_TYPES, address);
        if (normalized.isEmpty()) {
            return;
        }
        try {
            NormalizedValue withPort = withPort(normalized.get(), address, port(node));
            String malware = JsonFeeds.text(node, "malware");
            sink.accept(Values.builder(withPort, description(malware))
                    .firstSeen(Values.time("first_seen", JsonFeeds.text(node, "first_seen")))
                    .lastSeen(Values.time("last_online", JsonFeeds.text(node, "last_online")))
                    .tags(malware == null ? List.of() : List.of(malware.strip()))
                    .indicatorTypes(List.of("malicious-activity"))
                    .killChainPhases(List.of("command-and-control"))
                    .source(SOURCE)
                    .build());
        } catch (Values.FieldException e) {
            sink.reject(location, e.value(), e.reason());
        } catch (InvalidIocException e) {
            sink.reject(location, e.value(), e.reason());
        }
    }

    /**
     * Sets the port from the {@code port} field. An address that already carries a port ({@code 192.0.2.1:443})
     * keeps it when the field is absent or equal, and a different port rejects the entry.
     */
    private static NormalizedValue withPort(NormalizedValue normalized, String address, @Nullable Integer port) {
        if (normalized.value().contains("/")) {
            throw new Values.FieldException(address, "ip_address must be a single address, not a CIDR block");
        }
        if (port == null || port.equals(normalized.port())) {
            return normalized;
        }
        if (normalized.port() != null) {
            throw new Values.FieldException(address, String.format(Locale.ROOT,
                    "ip_address carries port %d but the port field is %d", normalized.port(), port));
        }
        return new NormalizedValue(normalized.type(), normalized.value(), port, normalized.displayName());
    }

    /** Reads the optional port: a JSON number or numeric string from 1 to 65535. */
    private static @Nullable Integer port(JsonNode node) {
        JsonNode value = node.get("port");
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        String text = value.isValueNode() ? value.asText().strip() : value.toString();
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if ((value.isIntegralNumber() || value.isTextual()) && digits) {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw new Values.FieldException(text, "invalid port: expected a whole number from 1 to 65535");
    }

    private static String description(@Nullable String malware) {
        return malware == null ? "Feodo Tracker: botnet C2 server" : "Feodo Tracker: " + malware.strip()
                + " botnet C2 server";
    }
}
