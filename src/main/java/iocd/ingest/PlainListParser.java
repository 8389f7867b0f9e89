package iocd.ingest;

import iocd.ioc.NormalizedValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * One value per line, its type detected from its shape. Blank lines and lines starting with {@code #} or
 * {@code ;} are comments. Anything after the value is ignored: {@code ip<TAB>count} (IPsum),
 * {@code hash;comment} and {@code ip;score} (signature-base), {@code cidr ; SBL123} (Spamhaus DROP). A semicolon
 * ends the value unless the value is a URL, whose query may contain one.
 */
final class PlainListParser implements FeedParser {
    private final String source;

    PlainListParser(String source) {
        this.source = source;
    }

    @Override
    public void parse(InputStream in, IocSink sink) throws IOException {
        LineReader lines = new LineReader(in);
        for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
            String location = "line " + line.number();
            if (line.text() == null) {
                sink.reject(location, "", line.problem());
                continue;
            }
            String value = valueOf(line.text());
            if (value.isEmpty()) {
                continue;
            }
            Optional<NormalizedValue> normalized = Values.normalize(sink, location, List.of(), value);
            normalized.ifPresent(nv -> sink.accept(Values.builder(nv, null).source(source).build()));
        }
    }

    /** Returns the value on a line, or an empty string for blank and comment lines. */
    static String valueOf(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.charAt(0) == '#' || text.charAt(0) == ';') {
            return "";
        }
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        String token = text.substring(0, end);
        int semicolon = token.indexOf(';');
        if (semicolon > 0 && !token.contains("://")) {
            token = token.substring(0, semicolon);
        }
        return token;
    }
}
