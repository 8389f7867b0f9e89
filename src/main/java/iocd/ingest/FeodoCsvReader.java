package iocd.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The CSV flavour of the Feodo Tracker blocklist ({@code ipblocklist.csv}): a {@code #} comment banner, the header
 * {@code "first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"} and one quoted row per C2
 * server. The header, plain or as a {@code #} comment, sets the column order, and without one the order above is
 * assumed. Rows become IOCs through {@link FeodoParser#convert}, the same way as JSON entries.
 */
final class FeodoCsvReader {
    /** Column keys ({@link TypeNames#key}) in the order abuse.ch writes them. */
    static final List<String> DEFAULT_COLUMNS =
            List.of("firstseenutc", "dstip", "dstport", "c2status", "lastonline", "malware");

    /** Columns that together mark a Feodo Tracker header rather than some other CSV with an address column. */
    private static final List<String> SIGNATURE = List.of("dstip", "dstport", "lastonline", "malware");

    private static final FeodoParser.FieldNames FIELDS =
            new FeodoParser.FieldNames("dst_ip", "dst_port", "first_seen_utc", "last_online");

    private FeodoCsvReader() {
    }

    /** Returns true for a Feodo Tracker CSV header line, commented or not, quoted or not. */
    static boolean isHeader(String line) {
        return headerKeys(line).containsAll(SIGNATURE);
    }

    /** Reads every row and passes it to {@link FeodoParser#convert}. Unreadable rows are rejected. */
    static void read(InputStream in, IocSink sink) throws IOException {
        BannerCsv.read(in, sink, DEFAULT_COLUMNS, FeodoCsvReader::isHeader, FeodoCsvReader::headerKeys,
                (location, columns, fields) -> FeodoParser.convert(entry(location, columns, fields), sink));
    }

    private static FeodoParser.Entry entry(String location, List<String> columns, List<String> fields) {
        String firstSeen = cell(columns, fields, "firstseenutc");
        return new FeodoParser.Entry(location, cell(columns, fields, "dstip"), cell(columns, fields, "dstport"),
                firstSeen != null ? firstSeen : cell(columns, fields, "firstseen"),
                cell(columns, fields, "lastonline"), cell(columns, fields, "malware"), FIELDS);
    }

    private static @Nullable String cell(List<String> columns, List<String> fields, String key) {
        int index = columns.indexOf(key);
        return index < 0 ? null : Values.blankToNull(fields.get(index));
    }

    private static List<String> headerKeys(String line) {
        String text = line.strip();
        text = text.startsWith("#") ? text.substring(1) : text;
        List<String> keys = new ArrayList<>();
        for (String cell : text.split(",", -1)) {
            keys.add(TypeNames.key(cell));
        }
        return keys;
    }
}
