package iocd.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jackson's parse errors into messages for API clients: what is wrong and at which line and column, in JSON
 * terms. Jackson's own messages name its classes, features and token constants, which mean nothing to a client and
 * reveal the implementation.
 */
public final class JsonErrorMessages {
    /** The location Jackson embeds in some messages, such as where an unclosed array started. */
    private static final Pattern EMBEDDED_LOCATION = Pattern.compile(
            "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");
    /** A {@code StreamReadConstraints} limit: the value that broke it, the limit and the getter naming it. */
    private static final Pattern LIMIT = Pattern.compile(
            "\\((\\d+), from `StreamReadConstraints\\.getMax(\\w+)\\(\\)`\\)");
    /** A parenthesised note naming a Jackson feature that is switched off. */
    private static final Pattern FEATURE_NOTE = Pattern.compile("\\s*\\([^()]*Feature '\\w+'[^()]*\\)");
    private static final Pattern TOKEN_NAME = Pattern.compile("\\b[A-Z][A-Z_]{3,}\\b");
    private static final Map<String, String> TOKEN_TERMS = Map.ofEntries(
            Map.entry("START_OBJECT", "'{'"), Map.entry("END_OBJECT", "'}'"), Map.entry("START_ARRAY", "'['"),
            Map.entry("END_ARRAY", "']'"), Map.entry("FIELD_NAME", "a field name"),
            Map.entry("VALUE_STRING", "a string"), Map.entry("VALUE_NUMBER_INT", "a number"),
            Map.entry("VALUE_NUMBER_FLOAT", "a number"), Map.entry("VALUE_TRUE", "true"),
            Map.entry("VALUE_FALSE", "false"), Map.entry("VALUE_NULL", "null"));
    private static final String FALLBACK = "the JSON is malformed";

    private JsonErrorMessages() {
    }

    /**
     * Describes a parse error, for example {@code unexpected character ('a' (code 97)): was expecting double-quote
     * to start field name at line 1, column 2}. Control characters and unpaired surrogates are escaped.
     */
    public static String describe(JacksonException e) {
        String problem = ApiException.printable(problem(e.getOriginalMessage()));
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return problem;
        }
        if (location.getColumnNr() < 1) {
            return String.format(Locale.ROOT, "%s at line %d", problem, location.getLineNr());
        }
        return String.format(Locale.ROOT, "%s at line %d, column %d", problem, location.getLineNr(),
                location.getColumnNr());
    }

    private static String problem(String message) {
        if (message == null || message.isBlank()) {
            return FALLBACK;
        }
        Matcher limit = LIMIT.matcher(message);
        if (limit.find()) {
            return exceeded(limit.group(2), Long.parseLong(limit.group(1)));
        }
        if (message.startsWith("Trailing token")) {
            return "unexpected content after the end of the JSON value";
        }
        // "Non-standard token 'NaN': enable `JsonReadFeature...` to allow" names a parser switch clients cannot flip.
        int enable = message.indexOf(": enable `");
        String text = enable >= 0 ? message.substring(0, enable) + ", which JSON does not allow" : message;
        // "... (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)" does the same.
        text = FEATURE_NOTE.matcher(text).replaceAll(", which JSON does not allow");
        text = text.replace("JSON spec does not allow", "JSON does not allow")
                .replace(", which JSON does not allow, which JSON does not allow", ", which JSON does not allow")
                .replace("maybe a (non-standard) comment?, which JSON does not allow", "JSON does not allow comments");

        text = EMBEDDED_LOCATION.matcher(text).replaceAll("line $1, column $2");
        text = TOKEN_NAME.matcher(text).replaceAll(token -> Matcher.quoteReplacement(
                TOKEN_TERMS.getOrDefault(token.group(), token.group())));
        // Whatever still quotes code (a class, a feature) is a message shape not handled above.
        if (text.contains("`") || text.contains("Source:")) {
            return FALLBACK;
        }
        return lowerFirst(text);
    }

    private static String exceeded(String limitName, long max) {
        return switch (limitName) {
            case "NestingDepth" -> String.format(Locale.ROOT, "the JSON is nested more than %d levels deep", max);
            case "NumberLength" -> String.format(Locale.ROOT, "a number is longer than %d characters", max);
            case "StringLength" -> String.format(Locale.ROOT, "a string is longer than %d characters", max);
            case "NameLength" -> String.format(Locale.ROOT, "a field name is longer than %d characters", max);
            case "DocumentLength" -> String.format(Locale.ROOT, "the JSON is longer than %d characters", max);
            case "TokenCount" -> String.format(Locale.ROOT, "the JSON has more than %d tokens", max);
            default -> String.format(Locale.ROOT, "the JSON exceeds a parser limit of %d", max);
        };
    }

    /** Lowers a leading capital that starts an ordinary word, so the text reads on after a colon. */
    private static String lowerFirst(String text) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            return Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return text;
    }
}
