package iocd.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.InvalidIocException;
import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * CISA Known Exploited Vulnerabilities catalog JSON ({@code title, catalogVersion, vulnerabilities[]}), one CVE
 * IOC per entry, read entry by entry.
 *
 * <p>The STIX name of a vulnerability stays the CVE id, as consumers such as OpenCTI identify vulnerabilities by
 * name; {@code vulnerabilityName} therefore opens the description, followed by {@code shortDescription} and the
 * required action. {@code dateAdded} is first seen. Labels: {@code known-exploited}, plus {@code ransomware} when
 * {@code knownRansomwareCampaignUse} is {@code Known}. The first URL in {@code notes} is the reference.
 */
final class KevParser implements FeedParser {
    static final String SOURCE = "cisa-kev";
    private static final Pattern URL = Pattern.compile("https?://[^\\s;,]+");

    @Override
    public void parse(InputStream in, IocSink sink) throws IOException {
        try (JsonParser parser = JsonFeeds.open(in)) {
            if (JsonFeeds.next(parser) != JsonToken.START_OBJECT) {
                throw JsonFeeds.unexpected(parser, "the KEV catalog object");
            }
            boolean found = false;
            while (JsonFeeds.next(parser) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = JsonFeeds.next(parser);
                if (field.equals("vulnerabilities") && value == JsonToken.START_ARRAY) {
                    found = true;
                    readEntries(parser, sink);
                } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    JsonFeeds.skipChildren(parser);
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw JsonFeeds.unexpected(parser, "the end of the KEV catalog object");
            }
            if (!found) {
                throw ImportException.malformed("KEV catalog has no \"vulnerabilities\" array", null);
            }
        }
    }

    private static void readEntries(JsonParser parser, IocSink sink) throws IOException {
        int index = 0;
        while (JsonFeeds.next(parser) == JsonToken.START_OBJECT) {
            index++;
            entry(JsonFeeds.tree(parser), "vulnerability " + index, sink);
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw JsonFeeds.unexpected(parser, "a vulnerability object");
        }
    }

    private static void entry(JsonNode node, String location, IocSink sink) {
        String cve = JsonFeeds.text(node, "cveID");
        Optional<NormalizedValue> normalized =
                Values.normalize(sink, location, List.of(IocType.CVE), cve == null ? "" : cve);
        if (normalized.isEmpty()) {
            return;
        }
        List<String> tags = new ArrayList<>(List.of("known-exploited"));
        if ("Known".equalsIgnoreCase(JsonFeeds.text(node, "knownRansomwareCampaignUse"))) {
            tags.add("ransomware");
        }
        try {
            sink.accept(Values.builder(normalized.get(), description(node))
                    .firstSeen(Values.time("dateAdded", JsonFeeds.text(node, "dateAdded")))
                    .tags(tags)
                    .reference(firstUrl(JsonFeeds.text(node, "notes")))
                    .source(SOURCE)
                    .build());
        } catch (Values.FieldException e) {
            sink.reject(location, e.value(), e.reason());
        } catch (InvalidIocException e) {
            sink.reject(location, e.value(), e.reason());
        }
    }

    private static @Nullable String description(JsonNode node) {
        List<String> parts = new ArrayList<>();
        String name = JsonFeeds.text(node, "vulnerabilityName");
        if (name != null) {
            parts.add(name.endsWith(".") ? name : name + ".");
        }
        String text = JsonFeeds.text(node, "shortDescription");
        if (text != null) {
            parts.add(text);
        }
        String action = JsonFeeds.text(node, "requiredAction");
        if (action != null) {
            parts.add("Required action: " + action);
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private static @Nullable String firstUrl(@Nullable String notes) {
        if (notes == null) {
            return null;
        }
        Matcher matcher = URL.matcher(notes);
        return matcher.find() ? matcher.group() : null;
    }
}
