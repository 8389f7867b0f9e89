package iocd.ioc;

import static iocd.ioc.Normalizer.invalid;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Canonicalises the fixed-shape identifiers: file hashes, CVE ids and ATT&CK technique ids. */
final class IdentifierNormalizer {
    // Hyphen-like characters that word processors substitute for '-' in CVE ids copied from reports.
    private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D]");
    static final Pattern CVE = Pattern.compile("(?i)CVE\\s*[-\\s]\\s*([0-9]{4})\\s*[-\\s]\\s*([0-9]+)");
    static final Pattern TECHNIQUE = Pattern.compile("(?i)T([0-9]{4})(?:\\.([0-9]{3}))?");

    private IdentifierNormalizer() {
    }

    static int hashLength(IocType type) {
        return switch (type) {
            case MD5 -> 32;
            case SHA1 -> 40;
            case SHA256 -> 64;
            case SHA512 -> 128;
            default -> throw new IllegalArgumentException("not a hash type: " + type);
        };
    }

    static NormalizedValue hash(String raw, String value, IocType type) {
        int expected = hashLength(type);
        if (!isHex(value)) {
            throw invalid(raw, type, "contains characters other than hex digits 0-9 and a-f; "
                    + type.label() + " is " + expected + " hex digits");
        }
        if (value.length() != expected) {
            throw invalid(raw, type, String.format(Locale.ROOT, "has %d hex digits but %s has exactly %d",
                    value.length(), type.label(), expected));
        }
        return NormalizedValue.of(type, value.toLowerCase(Locale.ROOT));
    }

    static boolean isHex(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!hex) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    static boolean looksLikeCve(String value) {
        return CVE.matcher(DASHES.matcher(value).replaceAll("-")).matches();
    }

    static NormalizedValue cve(String raw, String value) {
        Matcher matcher = CVE.matcher(DASHES.matcher(value).replaceAll("-"));
        if (!matcher.matches()) {
            throw invalid(raw, IocType.CVE, "a CVE id has the form CVE-YYYY-NNNN, for example CVE-2021-44228");
        }
        int year = Integer.parseInt(matcher.group(1));
        String number = matcher.group(2);
        if (year < 1999 || year > 2100) {
            throw invalid(raw, IocType.CVE, "year " + year + " is outside 1999 to 2100");
        }
        if (number.length() < 4) {
            throw invalid(raw, IocType.CVE, "sequence number '" + number + "' has fewer than four digits;"
                    + " pad it with leading zeros");
        }
        if (number.length() > 4 && number.charAt(0) == '0') {
            throw invalid(raw, IocType.CVE, "sequence number '" + number + "' has more than four digits and a"
                    + " leading zero; only four-digit numbers are zero-padded");
        }
        if (number.length() > 19) {
            throw invalid(raw, IocType.CVE, "sequence number '" + number + "' is too long");
        }
        return NormalizedValue.of(IocType.CVE, "CVE-" + year + "-" + number);
    }

    static NormalizedValue technique(String raw, String value) {
        Matcher matcher = TECHNIQUE.matcher(value);
        if (!matcher.matches()) {
            throw invalid(raw, IocType.MITRE_ATTACK,
                    "an ATT&CK technique id has the form T1234 or T1234.001 (sub-technique)");
        }
        String id = "T" + matcher.group(1);
        return NormalizedValue.of(IocType.MITRE_ATTACK, matcher.group(2) == null ? id : id + "." + matcher.group(2));
    }
}
