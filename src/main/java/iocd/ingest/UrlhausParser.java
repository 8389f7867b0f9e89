package iocd.ingest;

import iocd.ioc.InvalidIocException;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * URLhaus CSV dumps: {@code id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter}, every
 * field quoted, tags comma-separated inside one field. abuse.ch writes the header as a {@code #} comment below its
 * banner; mirrors sometimes strip the banner and keep the header as a plain line. Either header sets the column
 * order; without one the nine-column order above is assumed.
 *
 * <p>Mapping: {@code dateadded} is first seen, {@code last_online} last seen, {@code urlhaus_link} the reference,
 * {@code tags} the labels. Every URLhaus entry serves malware, so the indicator type is
 * {@code malicious-activity} and the kill chain phase {@code initial-access}, as for ThreatFox
 * {@code payload_delivery}.
 */
final class UrlhausParser implements FeedParser {
    static final String SOURCE = "urlhaus";
    static final List<String> DEFAULT_COLUMNS =
            List.of("id", "dateadded", "url", "url_status", "last_online", "threat", "tags", "urlhaus_link", "reporter");

    @Override
    public void parse(InputStream in, IocSink sink) throws IOException {
        BannerCsv.read(in, sink, DEFAULT_COLUMNS, UrlhausParser::isHeader, UrlhausParser::headerColumns,
                (location, columns, fields) -> convert(location, new Row(columns, fields), sink));
    }

    /** Returns true for the header line, commented or not, quoted or not. */
    static boolean isHeader(String line) {
        return headerText(line).startsWith("id,dateadded,url");
    }

    private static String headerText(String line) {
        String text = line.strip();
        text = text.startsWith("#") ? text.substring(1).strip() : text;
        return text.replace("\"", "").toLowerCase(Locale.ROOT);
    }

    private static List<String> headerColumns(String line) {
        List<String> columns = new ArrayList<>();
        for (String column : headerText(line).split(",")) {
            columns.add(column.strip());
        }
        return columns;
    }

    private static void convert(String location, Row row, IocSink sink) {
        String url = row.get("url");
        Optional<NormalizedValue> normalized = Values.normalize(sink, location, List.of(IocType.URL),
                url == null ? "" : url);
        if (normalized.isEmpty()) {
            return;
        }
        String threat = row.get("threat");
        try {
            Ioc ioc = Values.builder(normalized.get(), threat == null ? null : "URLhaus: " + threat)
                    .firstSeen(Values.time("dateadded", row.get("dateadded")))
                    .lastSeen(Values.time("last_online", row.get("last_online")))
                    .tags(Values.tags(row.get("tags"), ","))
                    .indicatorTypes(List.of("malicious-activity"))
                    .killChainPhases(List.of("initial-access"))
                    .reference(row.get("urlhaus_link"))
                    .source(SOURCE)
                    .build();
            sink.accept(ioc);
        } catch (Values.FieldException e) {
            sink.reject(location, e.value(), e.reason());
        } catch (InvalidIocException e) {
            sink.reject(location, e.value(), e.reason());
        }
    }

    private record Row(List<String> columns, List<String> fields) {
        @Nullable String get(String column) {
            int index = columns.indexOf(column);
            return index < 0 ? null : Values.blankToNull(fields.get(index));
        }
    }
}
