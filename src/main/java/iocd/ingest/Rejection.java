package iocd.ingest;

import java.util.Locale;
import java.util.Objects;

/**
 * One value or record that an import could not use.
 *
 * @param location where it was found, for example {@code line 17} or {@code object 12 (indicator--...)}
 * @param value    the offending value, cut to {@value #MAX_SHOWN} characters, or empty when the whole record failed
 * @param reason   the broken rule, for example {@code expected 9 CSV columns, found 3}
 */
public record Rejection(String location, String value, String reason) {
    static final int MAX_SHOWN = 120;
    /** Reasons may quote the value again, so they are cut too. */
    static final int MAX_REASON = 300;

    public Rejection {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(reason, "reason");
        value = escaped(shorten(value, MAX_SHOWN));
        reason = escaped(shorten(reason, MAX_REASON));
    }

    private static String shorten(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }

    /**
     * Writes control characters and unpaired surrogates as a backslash, u and four hex digits, so that a report
     * line prints safely on a terminal.
     */
    private static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return value.isEmpty()
                ? String.format(Locale.ROOT, "%s: %s", location, reason)
                : String.format(Locale.ROOT, "%s: '%s': %s", location, value, reason);
    }
}
