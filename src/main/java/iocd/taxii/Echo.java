package iocd.taxii;

import java.util.Locale;

/** Makes client-supplied text safe to repeat in an error message. */
final class Echo {
    private static final int MAX_SHOWN = 100;

    private Echo() {
    }

    /** Cuts the text to a readable length and replaces control characters, so it cannot break a log line. */
    static String printable(String value) {
        String shown = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
