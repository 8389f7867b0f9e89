package iocd.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Row loop for the abuse.ch CSV exports: a {@code #} banner, a header line that may itself be a comment, then
 * comma-separated rows. Without a header the published column order applies. Undecodable lines, broken quoting
 * and rows with the wrong number of fields are rejected, and reading goes on.
 */
final class BannerCsv {
    private BannerCsv() {
    }

    /** Receiver of one well-formed row, with the column names in force for it. */
    @FunctionalInterface
    interface RowHandler {
        void row(String location, List<String> columns, List<String> fields);
    }

    /**
     * Reads every line of {@code in}.
     *
     * @param defaultColumns column names until a header line is seen
     * @param isHeader       recognises a header line, commented or not
     * @param headerColumns  turns a header line into column names
     */
    static void read(InputStream in, IocSink sink, List<String> defaultColumns, Predicate<String> isHeader,
            Function<String, List<String>> headerColumns, RowHandler handler) throws IOException {
        LineReader lines = new LineReader(in);
        CsvReader csv = new CsvReader(lines, ',', LineReader.DEFAULT_MAX_BYTES);
        List<String> columns = defaultColumns;
        for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
            String location = "line " + line.number();
            if (line.text() == null) {
                sink.reject(location, "", line.problem());
                continue;
            }
            String text = line.text().strip();
            if (isHeader.test(text)) {
                columns = headerColumns.apply(text);
                continue;
            }
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            CsvReader.Record record = csv.parse(line);
            if (record.problem() != null) {
                sink.reject(location, "", record.problem());
            } else if (record.fields().size() != columns.size()) {
                sink.reject(location, line.text(), String.format(Locale.ROOT,
                        "expected %d CSV columns, found %d", columns.size(), record.fields().size()));
            } else {
                handler.row(location, columns, record.fields());
            }
        }
    }
}
