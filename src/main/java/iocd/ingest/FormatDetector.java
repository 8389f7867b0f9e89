package iocd.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detects the format of an input from its first {@value #PEEK_BYTES} bytes:
 * <ol>
 *   <li>JSON array whose first element is a flat object with {@code ip_address} and {@code malware} or
 *       {@code first_seen}: {@code feodo};</li>
 *   <li>JSON object with {@code "type": "bundle"} or a TAXII envelope of STIX objects: {@code stix};</li>
 *   <li>JSON with an {@code "Event"} key: {@code misp};</li>
 *   <li>JSON with {@code "vulnerabilities"} and {@code "catalogVersion"}: {@code kev};</li>
 *   <li>JSON with ThreatFox record keys ({@code ioc_value}/{@code ioc_type}, or {@code iocs} records with
 *       {@code ioc}): {@code threatfox};</li>
 *   <li>other JSON: not detectable, the caller must name the format;</li>
 *   <li>text whose header (plain or in a {@code #} comment) starts {@code id,dateadded,url}: {@code urlhaus};</li>
 *   <li>text whose header (plain or in a {@code #} comment) has the columns {@code dst_ip}, {@code dst_port},
 *       {@code last_online} and {@code malware}: {@code feodo};</li>
 *   <li>text whose first non-comment line has a comma before any tab or semicolon: {@code csv};</li>
 *   <li>any other text: {@code plain}.</li>
 * </ol>
 */
public final class FormatDetector {
    /** Bytes looked at: enough for the header of every supported format. */
    static final int PEEK_BYTES = 8192;

    private static final Pattern BUNDLE = Pattern.compile("\"type\"\\s*:\\s*\"bundle\"");
    private static final Pattern STIX_OBJECT = Pattern.compile("\"type\"\\s*:\\s*\"[a-z0-9-]+\"[^{}]*\"id\"\\s*:\\s*\"[a-z0-9-]+--");
    private static final Pattern STIX_OBJECT_ID_FIRST = Pattern.compile("\"id\"\\s*:\\s*\"[a-z0-9-]+--[0-9a-f-]{36}\"");
    private static final Pattern ARRAY_OF_OBJECTS = Pattern.compile("\\A\\[\\s*\\{");
    private static final Pattern FEODO_ADDRESS = Pattern.compile("\"ip_address\"\\s*:");
    private static final Pattern FEODO_CONTEXT = Pattern.compile("\"(malware|first_seen)\"\\s*:");

    private FormatDetector() {
    }

    /**
     * Detects the format of a stream without consuming it: the stream is reset to where it was.
     *
     * @throws ImportException when the input is empty or JSON of no supported shape
     */
    public static Format detect(BufferedInputStream in) throws IOException {
        in.mark(PEEK_BYTES);
        byte[] head = in.readNBytes(PEEK_BYTES);
        in.reset();
        rejectUtf16(head);
        return detect(new String(head, StandardCharsets.UTF_8));
    }

    /**
     * Rejects input that starts with a UTF-16 byte order mark, as Excel's "Unicode Text" writes it. Every reader
     * expects UTF-8, so such a file would otherwise turn into one rejection per line.
     */
    static void rejectUtf16(byte[] head) {
        boolean littleEndian = head.length >= 2 && head[0] == (byte) 0xFF && head[1] == (byte) 0xFE;
        boolean bigEndian = head.length >= 2 && head[0] == (byte) 0xFE && head[1] == (byte) 0xFF;
        if (littleEndian || bigEndian) {
            throw new ImportException("unsupported_encoding", "the input is UTF-16 encoded; save it as UTF-8 "
                    + "(in Excel: CSV UTF-8) and import it again");
        }
    }

    /** Detects the format from the start of an input. */
    static Format detect(String head) {
        String text = head.startsWith("\uFEFF") ? head.substring(1) : head;
        String trimmed = text.stripLeading();
        if (trimmed.isEmpty()) {
            throw new ImportException("unknown_format", "the input is empty; there is nothing to import");
        }
        if (trimmed.charAt(0) == '{' || trimmed.charAt(0) == '[') {
            return detectJson(trimmed);
        }
        return detectText(trimmed);
    }

    private static Format detectJson(String json) {
        if (isFeodo(json)) {
            return Format.FEODO;
        }
        if (BUNDLE.matcher(json).find()) {
            return Format.STIX;
        }
        if (json.contains("\"Event\"")) {
            return Format.MISP;
        }
        if (json.contains("\"vulnerabilities\"") && json.contains("\"catalogVersion\"")) {
            return Format.KEV;
        }
        if (json.contains("\"ioc_value\"") || json.contains("\"ioc_type\"")
                || json.contains("\"iocs\"") && json.contains("\"ioc\"")) {
            return Format.THREATFOX;
        }
        if (json.contains("\"objects\"") && (STIX_OBJECT.matcher(json).find() || STIX_OBJECT_ID_FIRST.matcher(json).find())) {
            return Format.STIX;
        }
        throw new ImportException("unknown_format", "the input is JSON but not of a detectable shape "
                + "(STIX bundle, MISP event, KEV catalog, ThreatFox export or Feodo Tracker blocklist); "
                + "name the format with one of: " + Format.names());
    }

    /** Returns true for an array whose first element is an object with Feodo Tracker's own keys. */
    private static boolean isFeodo(String json) {
        Matcher start = ARRAY_OF_OBJECTS.matcher(json);
        if (!start.lookingAt()) {
            return false;
        }
        String entry = json.substring(start.end(), flatObjectEnd(json, start.end()));
        return FEODO_ADDRESS.matcher(entry).find() && FEODO_CONTEXT.matcher(entry).find();
    }

    /**
     * Returns the index of the first brace outside a string from {@code from} on, or the text's length. Feodo
     * Tracker entries are flat, so the whole first entry lies before that brace, while the keys of a nested object
     * such as MISP's {@code Event} lie after it.
     */
    private static int flatObjectEnd(String json, int from) {
        boolean inString = false;
        for (int i = from; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString && c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString && (c == '{' || c == '}')) {
                return i;
            }
        }
        return json.length();
    }

    private static Format detectText(String text) {
        String firstDataLine = null;
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (UrlhausParser.isHeader(stripped)) {
                return Format.URLHAUS;
            }
            if (FeodoCsvReader.isHeader(stripped)) {
                return Format.FEODO;
            }
            if (firstDataLine == null && !stripped.isEmpty() && !stripped.startsWith("#")
                    && !stripped.startsWith(";")) {
                firstDataLine = stripped;
            }
        }
        return firstDataLine != null && isCsvLine(firstDataLine) ? Format.CSV : Format.PLAIN;
    }

    /** Returns true for a comma before any tab or semicolon, so {@code hash;comment, with commas} stays plain. */
    private static boolean isCsvLine(String line) {
        int comma = line.indexOf(',');
        if (comma < 0) {
            return line.toLowerCase(Locale.ROOT).startsWith("sep=");
        }
        int tab = line.indexOf('\t');
        int semicolon = line.indexOf(';');
        return (tab < 0 || comma < tab) && (semicolon < 0 || comma < semicolon);
    }
}
