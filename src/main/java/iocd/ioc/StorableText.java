package iocd.ioc;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The characters that no text of an IOC may contain, because the stores cannot keep them as sent. PostgreSQL
 * rejects a NUL character (U+0000) in a text column with SQL state 22021, while SQLite stores it. The JDBC
 * drivers of both stores encode an unpaired UTF-16 surrogate as {@code ?}, so the text read back would differ
 * from the text sent. JSON strings can carry both as Unicode escape sequences.
 */
final class StorableText {
    private StorableText() {
    }

    /**
     * Returns why {@code text} cannot be stored, or null when it can.
     *
     * @param field the field's name in the REST API and STIX, such as {@code description} or {@code tags[2]}
     */
    static @Nullable String problem(String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return String.format(Locale.ROOT,
                        "%s contains a NUL character (U+0000) at position %d; remove it", field, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format(Locale.ROOT, "%s contains an unpaired surrogate U+%04X at position %d, which "
                        + "is not a Unicode character; remove it or send the complete surrogate pair", field,
                        (int) c, i);
            }
        }
        return null;
    }
}
