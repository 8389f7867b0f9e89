package iocd.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads RFC 4180 records from a {@link LineReader}: fields separated by a delimiter, optionally enclosed in
 * double quotes, a doubled quote inside a quoted field standing for one quote, and quoted fields that span
 * lines. It is lenient where spreadsheets are sloppy: a quote inside an unquoted field and text after a closing
 * quote are kept as literal characters. One record is capped at the line reader's byte cap.
 */
final class CsvReader {
    private final LineReader lines;
    private final char delimiter;
    private final int maxChars;

    CsvReader(LineReader lines, char delimiter, int maxChars) {
        this.lines = lines;
        this.delimiter = delimiter;
        this.maxChars = maxChars;
    }

    /**
     * One record: its fields or the problem that made it unreadable.
     *
     * @param line    1-based number of the line the record starts on
     * @param fields  the fields, empty when {@code problem} is set
     * @param problem why the record could not be read, or null
     */
    record Record(long line, List<String> fields, @Nullable String problem) {
        boolean isBlank() {
            return problem == null && fields.stream().allMatch(String::isBlank);
        }
    }

    /** Reads the next record, or returns null at the end of the input. */
    @Nullable Record next() throws IOException {
        LineReader.Line first = lines.next();
        if (first == null) {
            return null;
        }
        if (first.text() == null) {
            return new Record(first.number(), List.of(), first.problem());
        }
        return parse(first);
    }

    /** Parses the line as the start of a record, pulling further lines while a quoted field is open. */
    Record parse(LineReader.Line first) throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String text = first.text();
        long consumed = 0;
        boolean quoted = false;
        boolean atFieldStart = true;
        while (true) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c != '"') {
                        field.append(c);
                    } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else if (c == delimiter) {
                    fields.add(field.toString());
                    field.setLength(0);
                    atFieldStart = true;
                    continue;
                } else if (c == '"' && atFieldStart) {
                    quoted = true;
                } else {
                    field.append(c);
                }
                atFieldStart = false;
            }
            if (!quoted) {
                fields.add(field.toString());
                return new Record(first.number(), fields, null);
            }
            consumed += text.length() + 1;
            LineReader.Line more = lines.next();
            String problem = continuationProblem(more, consumed);
            if (problem != null) {
                return new Record(first.number(), List.of(), problem);
            }
            field.append('\n');
            text = more.text();
        }
    }

    private @Nullable String continuationProblem(LineReader.@Nullable Line more, long consumed) {
        if (more == null) {
            return "quoted field not closed before the end of the file";
        }
        if (more.text() == null) {
            return String.format(Locale.ROOT, "quoted field continues into line %d, which has a problem: %s",
                    more.number(), more.problem());
        }
        if (consumed + more.text().length() > maxChars) {
            return String.format(Locale.ROOT, "quoted field not closed within %d characters", maxChars);
        }
        return null;
    }

    /**
     * Picks the delimiter of a header line: the one of comma, semicolon and tab that occurs most often outside
     * quotes, comma on a tie or when none occurs.
     */
    static char guessDelimiter(String header) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == '\t') {
                tabs++;
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }
}
