package iocd.ioc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Undoes the defanging that reports apply so that IOCs cannot be clicked, and strips the wrapping that feeds leave
 * around values (whitespace, quotes, angle brackets, a byte-order mark).
 */
final class Refanger {
    /** Maximum raw value length in characters; longer input is rejected before any regex runs on it. */
    static final int MAX_LENGTH = 8192;

    private static final Pattern SCHEME = Pattern.compile("(?i)^(?:h[x*]{2}p|hxtp|h__p)(s?)(?=\\[?:)");
    private static final Pattern FTP_SCHEME = Pattern.compile("(?i)^fxp(s?)(?=\\[?:)");
    private static final Pattern DOT = Pattern.compile("(?i)\\s*(?:\\[\\.]|\\(\\.\\)|\\{\\.}|\\[dot]|\\(dot\\)|\\{dot})\\s*");
    private static final Pattern AT = Pattern.compile("(?i)\\s*(?:\\[@]|\\(@\\)|\\{@}|\\[at]|\\(at\\)|\\{at})\\s*");
    private static final Pattern SCHEME_SEPARATOR = Pattern.compile("\\[://]|\\[:]//|\\[:/]/");
    private static final Pattern COLON = Pattern.compile("\\[:]");
    private static final Pattern SLASH = Pattern.compile("\\[/]");

    private Refanger() {
    }

    /**
     * Returns the value without its wrapping and with every known defang form undone.
     *
     * @throws InvalidIocException when the value is empty, too long, or contains control characters or unpaired
     *                             surrogates, which no IOC type allows
     */
    static String clean(String raw, @Nullable IocType type) {
        if (raw.length() > MAX_LENGTH) {
            throw new InvalidIocException(raw, type,
                    "value is longer than " + MAX_LENGTH + " characters; no IOC is that long");
        }
        String value = refang(unwrap(raw));
        value = unwrap(value);
        checkCharacters(raw, value, type);
        return value;
    }

    /** Refangs and unwraps without validating, for type detection. */
    static String cleanQuietly(String raw) {
        if (raw.length() > MAX_LENGTH) {
            return raw;
        }
        return unwrap(refang(unwrap(raw)));
    }

    static String refang(String value) {
        if (!mayBeDefanged(value)) {
            return value;
        }
        String result = SCHEME.matcher(value).replaceFirst("http$1");
        result = FTP_SCHEME.matcher(result).replaceFirst("ftp$1");
        result = replaceAll(SCHEME_SEPARATOR, result, "://");
        result = replaceAll(COLON, result, ":");
        result = replaceAll(SLASH, result, "/");
        result = replaceAll(DOT, result, ".");
        return replaceAll(AT, result, "@");
    }

    /**
     * Returns false when no pattern of {@link #refang} can match: the scheme forms start with h or f, and every
     * other form contains a bracket. Most feed values have neither, and the seven regular expressions took about
     * 11% of the JFR samples of a 1M-value CSV import.
     */
    private static boolean mayBeDefanged(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        if (first == 'h' || first == 'H' || first == 'f' || first == 'F') {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '[' || c == '(' || c == '{') {
                return true;
            }
        }
        return false;
    }

    private static String replaceAll(Pattern pattern, String value, String replacement) {
        Matcher matcher = pattern.matcher(value);
        return matcher.find() ? matcher.replaceAll(Matcher.quoteReplacement(replacement)) : value;
    }

    /** Strips surrounding blanks and matching pairs of quotes, backticks or angle brackets, repeatedly. */
    static String unwrap(String raw) {
        String value = stripBlanks(raw);
        while (value.length() >= 2) {
            char first = value.charAt(0);
            char last = value.charAt(value.length() - 1);
            boolean pair = (first == '"' || first == '\'' || first == '`') && first == last
                    || first == '<' && last == '>';
            if (!pair) {
                break;
            }
            value = stripBlanks(value.substring(1, value.length() - 1));
        }
        return value;
    }

    private static String stripBlanks(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isBlank(value.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    // A byte-order mark and zero-width spaces arrive at the edges of values copied from CSV files and web pages.
    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B';
    }

    private static void checkCharacters(String raw, String value, @Nullable IocType type) {
        if (value.isEmpty()) {
            throw new InvalidIocException(raw, type, "value is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new InvalidIocException(printable(raw), type, String.format(java.util.Locale.ROOT,
                        "value contains a NUL character (U+0000) at position %d; remove it", i));
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new InvalidIocException(printable(raw), type, String.format(java.util.Locale.ROOT,
                        "value contains the control character U+%04X at position %d", (int) c, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidIocException(printable(raw), type, String.format(java.util.Locale.ROOT,
                        "value contains an unpaired surrogate U+%04X at position %d", (int) c, i));
            }
        }
    }

    /** Replaces control characters so the value can go into a log line or an error message safely. */
    static String printable(String raw) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), 256));
        for (int i = 0; i < raw.length() && out.length() < 256; i++) {
            char c = raw.charAt(i);
            out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        return out.toString();
    }
}
