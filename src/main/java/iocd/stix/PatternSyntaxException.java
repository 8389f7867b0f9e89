package iocd.stix;

import iocd.IocdException;
import java.util.Locale;

/**
 * A STIX pattern that cannot be parsed, or that {@link PatternParser#simpleIndicatorValues} cannot reduce to IOC
 * values. The message names the position, the rule and the start of the pattern.
 */
public final class PatternSyntaxException extends IocdException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 200;

    private final String pattern;
    private final int position;
    private final String reason;

    public PatternSyntaxException(String pattern, int position, String reason) {
        super("invalid_pattern", format(pattern, position, reason));
        this.pattern = pattern;
        this.position = position;
        this.reason = reason;
    }

    private static String format(String pattern, int position, String reason) {
        String cut = pattern.length() > SHOWN ? pattern.substring(0, SHOWN) + "..." : pattern;
        String shown = cut.replaceAll("\\p{Cntrl}", "?");
        return String.format(Locale.ROOT, "invalid STIX pattern at position %d: %s (pattern: %s)",
                position, reason, shown);
    }

    /** The pattern as given. */
    public String pattern() {
        return pattern;
    }

    /** Zero-based character offset in the pattern where the problem was found. */
    public int position() {
        return position;
    }

    /** The broken rule alone, without pattern or position. */
    public String reason() {
        return reason;
    }
}
