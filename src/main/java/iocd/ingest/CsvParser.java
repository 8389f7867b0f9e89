package iocd.ingest;

import iocd.ioc.InvalidIocException;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import iocd.ioc.Normalizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * CSV with or without a header row (RFC 4180, see {@link CsvReader}). Leading {@code #} comment lines and an
 * Excel {@code sep=;} line are skipped; the delimiter is the one of comma, semicolon and tab the first row uses
 * most. Columns come from the {@link CsvMapping}, header names, or the first data row's content. A row whose
 * column count differs from the header's is rejected, except for extra empty cells that spreadsheets append.
 *
 * <p>A port column ({@code port}, {@code dst_port}, ...) gives the port of IP address values, which goes into the
 * description as for an {@code ip:port} value. A port that is not a whole number from 1 to 65535, or that differs
 * from the value's own port, rejects the row.
 */
final class CsvParser implements FeedParser {
    private final String source;
    private final CsvMapping mapping;

    CsvParser(String source, CsvMapping mapping) {
        this.source = source;
        this.mapping = mapping;
    }

    @Override
    public void parse(InputStream in, IocSink sink) throws IOException {
        LineReader lines = new LineReader(in);
        LineReader.Line first = firstContentLine(lines, sink);
        if (first == null) {
            return;
        }
        char delimiter = CsvReader.guessDelimiter(first.text());
        String text = first.text();
        if (text.toLowerCase(Locale.ROOT).startsWith("sep=") && text.length() == 5) {
            delimiter = text.charAt(4);
            first = firstContentLine(lines, sink);
            if (first == null) {
                return;
            }
        }
        CsvReader csv = new CsvReader(lines, delimiter, LineReader.DEFAULT_MAX_BYTES);
        CsvReader.Record firstRecord = csv.parse(first);
        if (firstRecord.problem() != null) {
            throw ImportException.malformed("line " + firstRecord.line() + ": " + firstRecord.problem(), null);
        }
        new Rows(sink, csv, firstRecord).run();
    }

    private static LineReader.@Nullable Line firstContentLine(LineReader lines, IocSink sink) throws IOException {
        for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
            if (line.text() == null) {
                sink.reject("line " + line.number(), "", line.problem());
            } else if (!line.text().isBlank() && !line.text().startsWith("#")) {
                return line;
            }
        }
        return null;
    }

    /** The state of one file: its column roles and expected width, fixed by the first row or two. */
    private final class Rows {
        private final IocSink sink;
        private final CsvReader csv;
        private final CsvReader.Record firstRecord;
        private final int width;
        private CsvColumns columns;

        Rows(IocSink sink, CsvReader csv, CsvReader.Record firstRecord) {
            this.sink = sink;
            this.csv = csv;
            this.firstRecord = firstRecord;
            this.width = firstRecord.fields().size();
            this.columns = CsvColumns.numbered(mapping, width);
        }

        void run() throws IOException {
            boolean header = isHeader(firstRecord.fields());
            if (header) {
                columns = CsvColumns.fromHeader(mapping, firstRecord.fields());
            } else {
                row(firstRecord);
            }
            for (CsvReader.Record record = csv.next(); record != null; record = csv.next()) {
                row(record);
            }
        }

        private boolean isHeader(List<String> cells) {
            return switch (mapping.header()) {
                case PRESENT -> true;
                case ABSENT -> false;
                case AUTO -> looksLikeHeader(cells);
            };
        }

        /**
         * Returns true when the row has more known column names than IOC-shaped cells. Both are counted because
         * a headerless row may contain a type label such as {@code domain} next to its value.
         */
        private static boolean looksLikeHeader(List<String> cells) {
            long known = cells.stream().filter(CsvColumns::isKnownName).count();
            long values = cells.stream().filter(cell -> Normalizer.detect(cell).isPresent()).count();
            return values == 0 || known > values;
        }

        private void row(CsvReader.Record record) {
            String location = "line " + record.line();
            if (record.problem() != null) {
                sink.reject(location, "", record.problem());
                return;
            }
            List<String> fields = record.fields();
            if (record.isBlank() || fields.get(0).startsWith("#")) {
                return;
            }
            if (!fitsWidth(fields)) {
                sink.reject(location, String.join(",", fields), String.format(Locale.ROOT,
                        "expected %d CSV columns, found %d", width, fields.size()));
                return;
            }
            if (columns.value() < 0) {
                columns = pickValueColumn(fields);
            }
            if (columns.value() < 0 || columns.value() >= fields.size()) {
                sink.reject(location, String.join(",", fields),
                        "no column holds an IOC value; name the value column in the CSV mapping");
                return;
            }
            convert(location, fields);
        }

        private boolean fitsWidth(List<String> fields) {
            if (fields.size() == width) {
                return true;
            }
            List<String> extra = fields.size() > width ? fields.subList(width, fields.size()) : List.of();
            return fields.size() > width && extra.stream().allMatch(String::isBlank);
        }

        /** Picks the first cell with an IOC shape as the value column and a cell naming a type as type column. */
        private CsvColumns pickValueColumn(List<String> fields) {
            int value = -1;
            int type = -1;
            for (int i = 0; i < fields.size(); i++) {
                String cell = fields.get(i);
                if (value < 0 && Normalizer.detect(cell).isPresent()) {
                    value = i;
                } else if (type < 0 && !cell.isBlank() && TypeNames.resolve(cell).isPresent()) {
                    type = i;
                }
            }
            return columns.withValue(value, type);
        }

        private void convert(String location, List<String> fields) {
            String raw = fields.get(columns.value());
            Optional<List<IocType>> allowed = allowedTypes(location, fields, raw);
            if (allowed.isEmpty()) {
                return;
            }
            Optional<NormalizedValue> normalized = Values.normalize(sink, location, allowed.get(), raw.strip());
            if (normalized.isEmpty()) {
                return;
            }
            try {
                sink.accept(build(withPortColumn(normalized.get(), raw, fields), fields));
            } catch (Values.FieldException e) {
                sink.reject(location, e.value(), e.reason());
            } catch (InvalidIocException e) {
                sink.reject(location, e.value(), e.reason());
            }
        }

        private Optional<List<IocType>> allowedTypes(String location, List<String> fields, String raw) {
            String label = cell(fields, columns.type());
            if (label == null) {
                return Optional.of(columns.valueTypes());
            }
            Optional<List<IocType>> types = TypeNames.resolve(label);
            if (types.isEmpty()) {
                sink.reject(location, raw, String.format(Locale.ROOT,
                        "unsupported IOC type '%s'; supported types: %s", label, IocType.apiNames()));
            }
            return types;
        }

        /**
         * Sets the port of an IP address from the port column, checked like the value's own {@code :port}. Only
         * addresses carry a port in the IOC model, so the column is ignored for other types.
         */
        private NormalizedValue withPortColumn(NormalizedValue normalized, String raw, List<String> fields) {
            String port = cell(fields, columns.port());
            boolean address = normalized.type() == IocType.IPV4 || normalized.type() == IocType.IPV6;
            if (port == null || !address) {
                return normalized;
            }
            return Values.withPort(normalized, raw.strip(), Values.port("port", port), "value", "the port column");
        }

        private Ioc build(NormalizedValue normalized, List<String> fields) {
            Ioc.Builder builder = Values.builder(normalized, cell(fields, columns.description()))
                    .firstSeen(Values.time("first seen", cell(fields, columns.firstSeen())))
                    .lastSeen(Values.time("last seen", cell(fields, columns.lastSeen())))
                    .validUntil(Values.time("valid until", cell(fields, columns.validUntil())))
                    .confidence(Values.confidence("confidence", cell(fields, columns.confidence())))
                    .tags(Values.tags(cell(fields, columns.tags()), "[,;|]"))
                    .reference(cell(fields, columns.reference()))
                    .sourceTlp(Values.tlp("tlp", cell(fields, columns.tlp())))
                    .source(source);
            if (normalized.type() == IocType.MITRE_ATTACK) {
                builder.name(cell(fields, columns.name()));
            }
            return builder.build();
        }

        private static @Nullable String cell(List<String> fields, int column) {
            return column >= 0 && column < fields.size() ? Values.blankToNull(fields.get(column)) : null;
        }
    }
}
