package iocd.ioc;

import static iocd.ioc.Normalizer.invalid;

import java.net.IDN;
import java.util.Locale;

/**
 * Canonicalises domain names: lowercase, no trailing dot, internationalised labels as A-labels (punycode).
 *
 * <p>Underscores are accepted in every label but the top-level one because they occur in real host names
 * ({@code _dmarc}, {@code my_host.example.com}) that feeds report. {@link IDN} implements IDNA 2003, so a few
 * characters map differently than under IDNA 2008 (for example {@code ß} becomes {@code ss}).
 */
final class DomainNormalizer {
    static final int MAX_LABEL = 63;
    static final int MAX_NAME = 253;

    private DomainNormalizer() {
    }

    static NormalizedValue normalize(String raw, String value, IocType type) {
        rejectOtherShapes(raw, value, type);
        String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        if (name.isEmpty()) {
            throw invalid(raw, type, "domain name is empty");
        }
        String ascii = toAscii(raw, name, type);
        checkLabels(raw, ascii, type);
        String unicode = IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED);
        return new NormalizedValue(IocType.DOMAIN, ascii, null, unicode.equals(ascii) ? null : unicode);
    }

    /** Returns whether the value is a valid domain name, without building an exception message. */
    static boolean isValid(String value) {
        try {
            normalize(value, value, IocType.DOMAIN);
            return true;
        } catch (InvalidIocException e) {
            return false;
        }
    }

    private static void rejectOtherShapes(String raw, String value, IocType type) {
        if (value.contains("://")) {
            throw invalid(raw, type, "is a URL, not a domain name; submit it as url");
        }
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            throw invalid(raw, type, "contains a path separator; a domain name has no path (submit URLs as url)");
        }
        if (value.indexOf('@') >= 0) {
            throw invalid(raw, type, "contains '@'; submit e-mail addresses as email");
        }
        if (value.indexOf(':') >= 0) {
            throw invalid(raw, type, "contains ':'; a domain name has no port or scheme, and IPv6 addresses are ipv6");
        }
        if (value.startsWith("*.")) {
            throw invalid(raw, type, "wildcards are not supported; submit the parent domain instead");
        }
        if (value.matches("[0-9.]+")) {
            throw invalid(raw, type, "is an IPv4 address, not a domain name; submit it as ipv4");
        }
    }

    private static String toAscii(String raw, String name, IocType type) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (isAscii(lower)) {
            return lower;
        }
        try {
            return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid(raw, type, "is not a valid internationalised domain name (" + e.getMessage() + ")");
        }
    }

    private static void checkLabels(String raw, String ascii, IocType type) {
        if (ascii.length() > MAX_NAME) {
            throw invalid(raw, type, "domain name is longer than " + MAX_NAME + " characters");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw invalid(raw, type, "a domain name needs at least two labels, such as example.com");
        }
        for (int i = 0; i < labels.length; i++) {
            checkLabel(raw, labels[i], i == labels.length - 1, type);
        }
    }

    private static void checkLabel(String raw, String label, boolean topLevel, IocType type) {
        if (label.isEmpty()) {
            throw invalid(raw, type, "contains an empty label ('..' or a leading dot)");
        }
        if (label.length() > MAX_LABEL) {
            throw invalid(raw, type, "label '" + label + "' is longer than " + MAX_LABEL + " characters");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' && !topLevel;
            if (!allowed) {
                throw invalid(raw, type, String.format(Locale.ROOT,
                        "label '%s' contains '%s'; labels allow letters, digits, '-' and, below the top level, '_'",
                        label, c));
            }
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            throw invalid(raw, type, "label '" + label + "' starts or ends with '-'");
        }
        if (topLevel && IpNormalizer.isDigits(label)) {
            throw invalid(raw, type, "top-level label '" + label + "' is all digits; no top-level domain is numeric");
        }
        if (label.startsWith("xn--")) {
            checkALabel(raw, label, type);
        }
    }

    // IDN.toUnicode returns its input unchanged when the punycode does not decode, and a label that decodes but
    // re-encodes differently is not in canonical form.
    private static void checkALabel(String raw, String label, IocType type) {
        String unicode = IDN.toUnicode(label, IDN.ALLOW_UNASSIGNED);
        boolean valid = !unicode.equals(label);
        if (valid) {
            try {
                valid = IDN.toASCII(unicode, IDN.ALLOW_UNASSIGNED).equalsIgnoreCase(label);
            } catch (IllegalArgumentException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw invalid(raw, type, "label '" + label + "' starts with 'xn--' but is not valid punycode");
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }
}
