package iocd.stix;

import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import iocd.ioc.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses STIX 2.1 patterns into their comparison expressions, and reduces simple indicator patterns to IOC values.
 *
 * <p>The grammar follows the OASIS STIX 2.1 pattern grammar: observation expressions in brackets joined by
 * {@code AND}, {@code OR} and {@code FOLLOWEDBY}, optionally in parentheses and followed by qualifiers
 * ({@code WITHIN n SECONDS}, {@code REPEATS n TIMES}, {@code START t'…' STOP t'…'}); inside brackets, comparisons
 * joined by {@code AND} and {@code OR}. Keywords are upper case, as in the grammar. String literals allow only the
 * escapes {@code \'} and {@code \\}. The parser checks syntax only: it does not check that AND-ed comparisons name
 * the same object type, nor that timestamps are real dates. Thread-safe: each call uses its own parser state.
 */
public final class PatternParser {
    /** Maximum pattern length in characters, so that a hostile pattern cannot keep the parser busy. */
    static final int MAX_LENGTH = 65_536;
    /** Maximum nesting depth of brackets and parentheses, so that recursion cannot overflow the stack. */
    static final int MAX_DEPTH = 64;
    private static final String NOT_SIMPLE = "not a simple comparison pattern: ";
    private static final Set<String> STRING_OPERATORS = Set.of("LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET");

    /**
     * One comparison of an object path with a constant.
     *
     * @param objectType STIX cyber-observable type, for example {@code file}
     * @param path       property path after the colon; keys that need quotes keep them ({@code hashes.'SHA-256'}),
     *                   keys that do not lose them ({@code hashes.MD5}), list indexes read {@code [0]} or {@code [*]}
     * @param operator   {@code =}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code IN}, {@code LIKE},
     *                   {@code MATCHES}, {@code ISSUBSET}, {@code ISSUPERSET} or {@code EXISTS}, prefixed with
     *                   {@code NOT } when negated; {@code ==} is reported as {@code =} and {@code <>} as {@code !=}
     * @param value      a string literal's content with escapes removed; other constants as written
     *                   ({@code 42}, {@code true}, {@code t'2020-01-01T00:00:00Z'}); empty for {@code EXISTS}.
     *                   {@code IN} gives one comparison per list element
     */
    public record Comparison(String objectType, String path, String operator, String value) {
    }

    /** A comparison with what {@link #simpleIndicatorValues} needs to judge it. */
    private record Term(Comparison comparison, List<String> keys, boolean stringValue, int position) {
    }

    private final String text;
    private int pos;
    private int depth;
    private final List<Term> terms = new ArrayList<>();
    private int firstComplexPosition = -1;
    private @Nullable String firstComplexReason;

    private PatternParser(String text) {
        this.text = text;
    }

    /**
     * Parses a pattern and returns its comparisons in the order they appear.
     *
     * @throws PatternSyntaxException when the pattern breaks the grammar; the exception gives position and rule
     */
    public static List<Comparison> parse(String pattern) {
        return parseTerms(pattern).terms.stream().map(Term::comparison).toList();
    }

    /**
     * Returns the IOC values of a simple indicator pattern: one or more {@code =} comparisons joined only by
     * {@code OR}, each on {@code ipv4-addr:value}, {@code ipv6-addr:value}, {@code domain-name:value},
     * {@code url:value}, {@code email-addr:value} or {@code file:hashes.<key>} with an MD5, SHA-1, SHA-256 or
     * SHA-512 key in any common spelling. Each value goes through {@link Normalizer}; duplicates are dropped.
     *
     * @throws PatternSyntaxException when the pattern cannot be parsed, or is valid but not simple (reason starts
     *                                with "not a simple comparison pattern: ")
     * @throws iocd.ioc.InvalidIocException when a value breaks its IOC type's rules
     */
    public static List<NormalizedValue> simpleIndicatorValues(String pattern) {
        PatternParser parser = parseTerms(pattern);
        if (parser.firstComplexReason != null) {
            throw new PatternSyntaxException(pattern, parser.firstComplexPosition,
                    NOT_SIMPLE + parser.firstComplexReason);
        }
        LinkedHashSet<NormalizedValue> values = new LinkedHashSet<>();
        for (Term term : parser.terms) {
            values.add(Normalizer.normalize(simpleType(pattern, term), term.comparison().value()));
        }
        return List.copyOf(values);
    }

    private static IocType simpleType(String pattern, Term term) {
        Comparison comparison = term.comparison();
        if (!comparison.operator().equals("=")) {
            throw new PatternSyntaxException(pattern, term.position(),
                    NOT_SIMPLE + "operator " + comparison.operator() + " instead of =");
        }
        if (!term.stringValue()) {
            throw new PatternSyntaxException(pattern, term.position(),
                    NOT_SIMPLE + "value " + comparison.value() + " is not a string literal");
        }
        Optional<IocType> type = iocType(comparison.objectType(), term.keys());
        if (type.isEmpty()) {
            throw new PatternSyntaxException(pattern, term.position(), NOT_SIMPLE + "path "
                    + comparison.objectType() + ":" + comparison.path() + " does not name an IOC value");
        }
        return type.get();
    }

    private static Optional<IocType> iocType(String objectType, List<String> keys) {
        if (keys.size() == 2 && objectType.equals("file") && keys.get(0).equals("hashes")) {
            return Normalizer.hashTypeFromKey(keys.get(1));
        }
        if (keys.size() != 1 || !keys.get(0).equals("value")) {
            return Optional.empty();
        }
        return switch (objectType) {
            case "ipv4-addr" -> Optional.of(IocType.IPV4);
            case "ipv6-addr" -> Optional.of(IocType.IPV6);
            case "domain-name" -> Optional.of(IocType.DOMAIN);
            case "url" -> Optional.of(IocType.URL);
            case "email-addr" -> Optional.of(IocType.EMAIL);
            default -> Optional.empty();
        };
    }

    private static PatternParser parseTerms(String pattern) {
        if (pattern == null) {
            throw new PatternSyntaxException("", 0, "pattern is missing");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new PatternSyntaxException(pattern, MAX_LENGTH, "pattern is longer than " + MAX_LENGTH
                    + " characters");
        }
        PatternParser parser = new PatternParser(pattern);
        parser.skipSpace();
        if (parser.atEnd()) {
            throw parser.error("pattern is empty; expected '['");
        }
        parser.followedByExpression();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error("unexpected '" + parser.text.charAt(parser.pos)
                    + "' after the end of the pattern; join observation expressions with AND, OR or FOLLOWEDBY");
        }
        return parser;
    }

    // Observation operators bind FOLLOWEDBY loosest, then OR, then AND.
    private void followedByExpression() {
        orExpression();
        while (keyword("FOLLOWEDBY")) {
            markComplex(pos, "observations joined by FOLLOWEDBY");
            pos += "FOLLOWEDBY".length();
            orExpression();
        }
    }

    private void orExpression() {
        andExpression();
        while (keyword("OR")) {
            pos += 2;
            andExpression();
        }
    }

    private void andExpression() {
        observation();
        while (keyword("AND")) {
            markComplex(pos, "observations joined by AND");
            pos += 3;
            observation();
        }
    }

    private void observation() {
        skipSpace();
        enter();
        if (peek('(')) {
            pos++;
            followedByExpression();
            expect(')', "')' to close the parenthesised observation expression");
        } else if (peek('[')) {
            pos++;
            comparisonOr();
            expect(']', "']' to close the observation expression");
        } else {
            throw error(atEnd() ? "unexpected end of pattern; expected '['"
                    : "expected '[' or '(' to start an observation expression");
        }
        depth--;
        qualifiers();
    }

    private void qualifiers() {
        while (true) {
            skipSpace();
            int start = pos;
            if (keyword("WITHIN")) {
                pos += 6;
                number("a number of seconds after WITHIN", true);
                requireKeyword("SECONDS", "SECONDS after the WITHIN duration");
            } else if (keyword("REPEATS")) {
                pos += 7;
                number("a whole number after REPEATS", false);
                requireKeyword("TIMES", "TIMES after the REPEATS count");
            } else if (keyword("START")) {
                pos += 5;
                timestamp("a timestamp t'…' after START");
                requireKeyword("STOP", "STOP after the START timestamp");
                timestamp("a timestamp t'…' after STOP");
            } else {
                return;
            }
            markComplex(start, "qualifier " + text.substring(start, pos).strip());
        }
    }

    private void comparisonOr() {
        comparisonAnd();
        while (keyword("OR")) {
            pos += 2;
            comparisonAnd();
        }
    }

    private void comparisonAnd() {
        comparisonTerm();
        while (keyword("AND")) {
            markComplex(pos, "comparisons joined by AND");
            pos += 3;
            comparisonTerm();
        }
    }

    private void comparisonTerm() {
        skipSpace();
        if (peek('(')) {
            enter();
            pos++;
            comparisonOr();
            expect(')', "')' to close the parenthesised comparison");
            depth--;
            return;
        }
        comparison();
    }

    private void comparison() {
        skipSpace();
        int start = pos;
        if (keyword("EXISTS") || keyword("NOT") && keywordAfterNot("EXISTS")) {
            boolean negated = keyword("NOT");
            pos += negated ? 3 : 0;
            skipSpace();
            pos += "EXISTS".length();
            Path path = objectPath();
            addTerm(path, negated ? "NOT EXISTS" : "EXISTS", "", false, start);
            return;
        }
        Path path = objectPath();
        boolean negated = keyword("NOT");
        if (negated) {
            pos += 3;
        }
        String operator = operator();
        String prefix = negated ? "NOT " : "";
        if (operator.equals("IN")) {
            inList(path, prefix + operator, start);
        } else if (STRING_OPERATORS.contains(operator)) {
            skipSpace();
            if (!peek('\'')) {
                throw error(operator + " needs a string literal");
            }
            addTerm(path, prefix + operator, stringLiteral(), true, start);
        } else {
            addLiteralTerm(path, prefix + operator, start);
        }
    }

    private void inList(Path path, String operator, int start) {
        skipSpace();
        expect('(', "'(' to start the IN list");
        do {
            addLiteralTerm(path, operator, start);
            skipSpace();
        } while (consume(','));
        expect(')', "')' to close the IN list");
    }

    private void addLiteralTerm(Path path, String operator, int start) {
        skipSpace();
        boolean string = peek('\'');
        String value = string ? stringLiteral() : constant();
        addTerm(path, operator, value, string, start);
    }

    private void addTerm(Path path, String operator, String value, boolean string, int start) {
        terms.add(new Term(new Comparison(path.objectType(), path.rendered(), operator, value), path.keys(), string,
                start));
    }

    /** An object path: its type, its keys unquoted and its rendering in {@link Comparison#path()}. */
    private record Path(String objectType, List<String> keys, String rendered) {
    }

    private Path objectPath() {
        String objectType = identifier();
        if (objectType.isEmpty()) {
            throw error("expected an object type such as ipv4-addr or file");
        }
        skipSpace();
        if (!consume(':')) {
            throw error("expected ':' after object type '" + objectType + "'");
        }
        List<String> keys = new ArrayList<>();
        StringBuilder rendered = new StringBuilder();
        skipSpace();
        appendProperty(keys, rendered);
        while (true) {
            skipSpace();
            if (consume('.')) {
                skipSpace();
                rendered.append('.');
                appendProperty(keys, rendered);
            } else if (peek('[')) {
                rendered.append(listIndex());
            } else {
                break;
            }
        }
        return new Path(objectType, List.copyOf(keys), rendered.toString());
    }

    private void appendProperty(List<String> keys, StringBuilder rendered) {
        if (peek('\'')) {
            String key = stringLiteral();
            keys.add(key);
            rendered.append(needsQuotes(key) ? quote(key) : key);
            return;
        }
        int start = pos;
        String name = identifier();
        if (name.isEmpty()) {
            throw error("expected a property name or a quoted key");
        }
        if (name.indexOf('-') >= 0) {
            pos = start;
            throw error("property name '" + name + "' contains '-', so it must be quoted: '" + name + "'");
        }
        keys.add(name);
        rendered.append(name);
    }

    private String listIndex() {
        pos++;
        String index;
        if (consume('*')) {
            index = "*";
        } else {
            int start = pos;
            while (!atEnd() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 0x80) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a list index (a number or '*')");
            }
            index = text.substring(start, pos);
        }
        expect(']', "']' to close the list index");
        return "[" + index + "]";
    }

    private static boolean needsQuotes(String key) {
        if (key.isEmpty() || !(Character.isLetter(key.charAt(0)) || key.charAt(0) == '_')) {
            return true;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || c == '_');
            if (!plain) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String key) {
        return "'" + key.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private String operator() {
        skipSpace();
        String[] symbols = {"==", "!=", "<>", "<=", ">=", "=", "<", ">"};
        for (String symbol : symbols) {
            if (text.startsWith(symbol, pos)) {
                pos += symbol.length();
                return switch (symbol) {
                    case "==" -> "=";
                    case "<>" -> "!=";
                    default -> symbol;
                };
            }
        }
        for (String word : List.of("IN", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET")) {
            if (keyword(word)) {
                pos += word.length();
                return word;
            }
        }
        throw error(atEnd() ? "unexpected end of pattern; expected a comparison operator"
                : "expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)");
    }

    /** Reads a string literal; the only escapes are {@code \'} and {@code \\}. */
    private String stringLiteral() {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos);
            if (c == '\'') {
                pos++;
                return value.toString();
            }
            if (c == '\\') {
                if (pos + 1 >= text.length()) {
                    break;
                }
                char escaped = text.charAt(pos + 1);
                if (escaped != '\'' && escaped != '\\') {
                    throw error("invalid escape '\\" + escaped + "' in string literal; only \\' and \\\\ are allowed");
                }
                value.append(escaped);
                pos += 2;
                continue;
            }
            value.append(c);
            pos++;
        }
        pos = start;
        throw error("string literal is not closed by '");
    }

    /** Reads a constant other than a plain string and returns it as written. */
    private String constant() {
        int start = pos;
        if (atEnd()) {
            throw error("unexpected end of pattern; expected a constant");
        }
        char c = text.charAt(pos);
        if ((c == 't' || c == 'h' || c == 'b') && pos + 1 < text.length() && text.charAt(pos + 1) == '\'') {
            pos++;
            String body = stringLiteral();
            checkTypedLiteral(start, c, body);
            return text.substring(start, pos);
        }
        if (keyword("true") || keyword("false")) {
            pos += text.startsWith("true", pos) ? 4 : 5;
            return text.substring(start, pos);
        }
        if (c == '-' || c >= '0' && c <= '9') {
            number("a constant", true);
            return text.substring(start, pos);
        }
        throw error("expected a constant: a string '…', a number, true, false, t'…', h'…' or b'…'");
    }

    private void checkTypedLiteral(int start, char kind, String body) {
        boolean valid = switch (kind) {
            case 't' -> body.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z");
            case 'h' -> body.length() % 2 == 0 && body.matches("[0-9A-Fa-f]*");
            default -> body.matches("[A-Za-z0-9+/]*={0,2}") && body.length() % 4 == 0;
        };
        if (!valid) {
            pos = start;
            String what = switch (kind) {
                case 't' -> "timestamp t'…' must look like t'2020-01-01T00:00:00Z'";
                case 'h' -> "hex literal h'…' must have an even number of hex digits";
                default -> "binary literal b'…' must be base64";
            };
            throw error(what);
        }
    }

    private void timestamp(String expected) {
        skipSpace();
        if (!text.startsWith("t'", pos)) {
            throw error("expected " + expected);
        }
        constant();
    }

    private void number(String expected, boolean allowFraction) {
        skipSpace();
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        int digits = skipDigits();
        if (allowFraction && peek('.') && digits > 0) {
            pos++;
            if (skipDigits() == 0) {
                throw error("expected digits after the decimal point");
            }
        }
        if (digits == 0) {
            pos = start;
            throw error("expected " + expected);
        }
    }

    private int skipDigits() {
        int start = pos;
        while (!atEnd() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos - start;
    }

    private void requireKeyword(String word, String expected) {
        if (!keyword(word)) {
            throw error("expected " + expected);
        }
        pos += word.length();
    }

    /** Skips blanks and returns whether the keyword starts here as a whole word. */
    private boolean keyword(String word) {
        skipSpace();
        return text.startsWith(word, pos)
                && (pos + word.length() == text.length() || !isIdentifierPart(text.charAt(pos + word.length())));
    }

    private boolean keywordAfterNot(String word) {
        int saved = pos;
        pos += 3;
        boolean found = keyword(word);
        pos = saved;
        return found;
    }

    // Reads hyphens too, although only object types may contain them, so that an unquoted 'SHA-256' key gets a
    // message that shows how to quote it.
    private String identifier() {
        skipSpace();
        int start = pos;
        if (atEnd() || !isIdentifierStart(text.charAt(pos))) {
            return "";
        }
        pos++;
        while (!atEnd() && (isIdentifierPart(text.charAt(pos)) || text.charAt(pos) == '-')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9';
    }

    private void enter() {
        depth++;
        if (depth > MAX_DEPTH) {
            throw error("nesting is deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void markComplex(int position, String reason) {
        if (firstComplexReason == null) {
            firstComplexPosition = position;
            firstComplexReason = reason;
        }
    }

    private void expect(char c, String expected) {
        skipSpace();
        if (!consume(c)) {
            throw error((atEnd() ? "unexpected end of pattern; expected " : "expected ") + expected);
        }
    }

    private boolean consume(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean peek(char c) {
        return !atEnd() && text.charAt(pos) == c;
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private PatternSyntaxException error(String reason) {
        return new PatternSyntaxException(text, pos, reason);
    }
}
