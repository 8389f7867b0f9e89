package iocd.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.InvalidIocException;
import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * abuse.ch Feodo Tracker botnet C2 blocklist, in either flavour abuse.ch publishes. Input whose first character
 * other than white space opens a JSON array or object is read as JSON, anything else as CSV.
 * <ul>
 *   <li>JSON ({@code ipblocklist.json}): an array of entries {@code ip_address, port, status, hostname, as_number,
 *       as_name, country, first_seen, last_online, malware}, read entry by entry;</li>
 *   <li>CSV ({@code ipblocklist.csv}): rows {@code first_seen_utc, dst_ip, dst_port, c2_status, last_online,
 *       malware}, read by {@link FeodoCsvReader}.</li>
 * </ul>
 *
 * <p>Each entry becomes one ipv4 or ipv6 IOC, the same for both flavours. The port goes into the description as
 * for ThreatFox {@code ip:port} values, {@code malware} is the tag, the first-seen time (UTC) is first seen and
 * {@code last_online}, a bare date, is last seen at the start of that day in UTC. Every entry is a C2 server, so
 * the indicator type is {@code malicious-activity} and the kill chain phase {@code command-and-control}, as for
 * ThreatFox {@code botnet_cc}. The status, {@code hostname}, the AS fields and {@code country} are not kept,
 * because the IOC model has no field for them.
 *
 * <p>An entry that is not an object, or whose address, port or times are unusable, is rejected and reading goes
 * on.
 */
final class FeodoParser implements FeedParser {
    static final String SOURCE = "feodotracker";

    private static final List<IocType> IP_TYPES = List.of(IocType.IPV4, IocType.IPV6);
    private static final FieldNames JSON_FIELDS = new FieldNames("ip_address", "port", "first_seen", "last_online");

    /**
     * One blocklist entry as text, whichever flavour it comes from.
     *
     * @param location where the entry is, for rejections ({@code entry 3}, {@code line 12})
     * @param names    the flavour's names of the fields, for rejection reasons
     */
    record Entry(String location, @Nullable String address, @Nullable String port, @Nullable String firstSeen,
            @Nullable String lastOnline, @Nullable String malware, FieldNames names) {
    }

    /** Names of the fields that a rejection reason can name, as one flavour spells them. */
    record FieldNames(String address, String port, String firstSeen, String lastOnline) {
    }

    @Override
    public void parse(InputStream in, IocSink sink) throws IOException {
        BufferedInputStream buffered = in instanceof BufferedInputStream already ? already
                : new BufferedInputStream(in);
        if (startsLikeJson(buffered)) {
            parseJson(buffered, sink);
        } else {
            FeodoCsvReader.read(buffered, sink);
        }
    }

    /**
     * Returns true when the first byte other than a byte order mark or white space opens a JSON array or object.
     * Blank input also counts as JSON, so it stops with the message that names the expected array. Leaves the
     * stream where it was.
     */
    private static boolean startsLikeJson(BufferedInputStream in) throws IOException {
        in.mark(FormatDetector.PEEK_BYTES);
        byte[] head = in.readNBytes(FormatDetector.PEEK_BYTES);
        in.reset();
        int start = head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF
                ? 3 : 0;
        for (int i = start; i < head.length; i++) {
            byte next = head[i];
            if (next != ' ' && next != '\t' && next != '\r' && next != '\n') {
                return next == '[' || next == '{';
            }
        }
        return true;
    }

    private static void parseJson(InputStream in, IocSink sink) throws IOException {
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
                    convert(jsonEntry(JsonFeeds.tree(parser), location), sink);
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
            JsonFeeds.skipChildren(parser);
        } else {
            value = JsonFeeds.currentText(parser);
        }
        sink.reject(location, value, "entry is " + kind(token) + ", not a JSON object");
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

    private static Entry jsonEntry(JsonNode node, String location) {
        return new Entry(location, JsonFeeds.text(node, "ip_address"), portText(node),
                JsonFeeds.text(node, "first_seen"), JsonFeeds.text(node, "last_online"),
                JsonFeeds.text(node, "malware"), JSON_FIELDS);
    }

    /**
     * Returns the port field as text, or null when absent or JSON null. A fraction, boolean, array or object never
     * reads as digits, so {@link Values#port} rejects it like a number out of range.
     */
    private static @Nullable String portText(JsonNode node) {
        JsonNode value = node.get("port");
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** Converts one entry of either flavour into an IOC, or rejects it with the reason. */
    static void convert(Entry entry, IocSink sink) {
        FieldNames names = entry.names();
        String address = entry.address();
        if (address == null) {
            sink.reject(entry.location(), "", "missing " + names.address());
            return;
        }
        Optional<NormalizedValue> normalized = Values.normalize(sink, entry.location(), IP_TYPES, address);
        if (normalized.isEmpty()) {
            return;
        }
        try {
            String malware = entry.malware();
            sink.accept(Values.builder(withPort(normalized.get(), entry), description(malware))
                    .firstSeen(Values.time(names.firstSeen(), entry.firstSeen()))
                    .lastSeen(Values.time(names.lastOnline(), entry.lastOnline()))
                    .tags(malware == null ? List.of() : List.of(malware.strip()))
                    .indicatorTypes(List.of("malicious-activity"))
                    .killChainPhases(List.of("command-and-control"))
                    .source(SOURCE)
                    .build());
        } catch (Values.FieldException e) {
            sink.reject(entry.location(), e.value(), e.reason());
        } catch (InvalidIocException e) {
            sink.reject(entry.location(), e.value(), e.reason());
        }
    }

    /**
     * Sets the port from the port field. An address that already carries a port ({@code 192.0.2.1:443}) keeps it
     * when the field is absent or equal, and a different port rejects the entry.
     */
    private static NormalizedValue withPort(NormalizedValue normalized, Entry entry) {
        FieldNames names = entry.names();
        String address = entry.address() == null ? "" : entry.address();
        if (normalized.value().contains("/")) {
            throw new Values.FieldException(address, names.address() + " must be a single address, not a CIDR block");
        }
        Integer port = Values.port(names.port(), entry.port());
        return Values.withPort(normalized, address, port, names.address(), "the " + names.port() + " field");
    }

    private static String description(@Nullable String malware) {
        return malware == null ? "Feodo Tracker: botnet C2 server" : "Feodo Tracker: " + malware.strip()
                + " botnet C2 server";
    }
}
