package iocd.ioc;

import static iocd.ioc.Normalizer.invalid;

import java.util.Locale;

/**
 * Reduces an e-mail address to its addr-spec: a display name ({@code Name <a@example.com>}) and a {@code mailto:}
 * prefix are removed, the domain is lowercased and converted to punycode, and the local part is kept as is because
 * mail servers may treat it as case-sensitive.
 */
final class EmailNormalizer {
    static final int MAX_LOCAL = 64;
    static final int MAX_ADDRESS = 254;
    private static final String ATOM_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

    private EmailNormalizer() {
    }

    static NormalizedValue normalize(String raw, String value) {
        String address = Refanger.unwrap(stripMailto(addrSpec(value)));
        int at = address.lastIndexOf('@');
        if (at < 0) {
            throw invalid(raw, IocType.EMAIL, "an e-mail address needs '@' between local part and domain");
        }
        String local = address.substring(0, at);
        checkLocal(raw, local);
        String domain;
        try {
            domain = DomainNormalizer.normalize(raw, address.substring(at + 1), IocType.EMAIL).value();
        } catch (InvalidIocException e) {
            throw invalid(raw, IocType.EMAIL, "domain part is invalid: " + e.reason());
        }
        String result = local + "@" + domain;
        if (result.length() > MAX_ADDRESS) {
            throw invalid(raw, IocType.EMAIL, "address is longer than " + MAX_ADDRESS + " characters");
        }
        return NormalizedValue.of(IocType.EMAIL, result);
    }

    private static String addrSpec(String value) {
        int close = value.lastIndexOf('>');
        int open = close < 0 ? -1 : value.lastIndexOf('<', close);
        return open < 0 ? value : value.substring(open + 1, close);
    }

    private static String stripMailto(String value) {
        String trimmed = value.strip();
        if (trimmed.regionMatches(true, 0, "mailto:", 0, 7)) {
            trimmed = trimmed.substring(7);
        }
        int query = trimmed.indexOf('?');
        return query < 0 ? trimmed : trimmed.substring(0, query);
    }

    private static void checkLocal(String raw, String local) {
        if (local.isEmpty()) {
            throw invalid(raw, IocType.EMAIL, "local part before '@' is empty");
        }
        if (local.length() > MAX_LOCAL) {
            throw invalid(raw, IocType.EMAIL, "local part is longer than " + MAX_LOCAL + " characters");
        }
        if (local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"")) {
            return;
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw invalid(raw, IocType.EMAIL, "local part has a leading, trailing or doubled '.'");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.'
                    || ATOM_SPECIALS.indexOf(c) >= 0 || c > 0x7F && !Character.isWhitespace(c);
            if (!allowed) {
                throw invalid(raw, IocType.EMAIL, String.format(Locale.ROOT,
                        "local part contains '%s', which is only allowed inside a quoted local part", c));
            }
        }
    }
}
