package iocd.ioc;

import static iocd.ioc.Normalizer.invalid;

/**
 * Parses IPv4 and IPv6 literals by hand, so that no value ever reaches a resolver, and formats them in canonical form.
 *
 * <p>Rules chosen where the notations are ambiguous: an IPv4 octet with a leading zero ({@code 010}) is rejected
 * because some parsers read it as octal; a CIDR block with host bits set ({@code 198.51.100.7/24}) is stored as its
 * network address ({@code 198.51.100.0/24}), since feeds write it that way to mean the whole network; prefix
 * {@code /0} is rejected because it would match every address.
 */
final class IpNormalizer {
    private IpNormalizer() {
    }

    /** Normalises {@code a.b.c.d}, {@code a.b.c.d/n} or {@code a.b.c.d:port}. */
    static NormalizedValue ipv4(String raw, String value) {
        Integer port = null;
        String address = value;
        int colon = value.lastIndexOf(':');
        if (colon >= 0) {
            if (value.indexOf(':') != colon) {
                throw invalid(raw, IocType.IPV4, "contains several ':'; an IPv6 address must be submitted as ipv6");
            }
            address = value.substring(0, colon);
            port = port(raw, IocType.IPV4, value.substring(colon + 1));
            if (address.contains("/")) {
                throw invalid(raw, IocType.IPV4, "a CIDR block cannot carry a port; remove ':" + port + "'");
            }
        }

        int slash = address.indexOf('/');
        String host = slash < 0 ? address : address.substring(0, slash);
        int bits = parseIpv4(raw, host);
        if (slash < 0) {
            return new NormalizedValue(IocType.IPV4, formatIpv4(bits), port, null);
        }
        int prefix = prefix(raw, IocType.IPV4, address.substring(slash + 1), 32);
        if (prefix == 32) {
            return NormalizedValue.of(IocType.IPV4, formatIpv4(bits));
        }
        int mask = (int) (0xFFFFFFFFL << (32 - prefix));
        return NormalizedValue.of(IocType.IPV4, formatIpv4(bits & mask) + "/" + prefix);
    }

    /** Parses a dotted quad to its 32 bits. */
    static int parseIpv4(String raw, String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(raw, IocType.IPV4, "an IPv4 address has exactly four dot-separated decimal octets");
        }
        int bits = 0;
        for (String part : parts) {
            bits = (bits << 8) | octet(raw, part);
        }
        return bits;
    }

    private static int octet(String raw, String part) {
        if (part.isEmpty() || part.length() > 3 || !isDigits(part)) {
            throw invalid(raw, IocType.IPV4, "octet '" + part + "' is not a decimal number from 0 to 255");
        }
        if (part.length() > 1 && part.charAt(0) == '0') {
            throw invalid(raw, IocType.IPV4, "octet '" + part + "' has a leading zero, which some parsers read as"
                    + " octal; write the intended decimal value without leading zeros");
        }
        int value = Integer.parseInt(part);
        if (value > 255) {
            throw invalid(raw, IocType.IPV4, "octet " + value + " is greater than 255");
        }
        return value;
    }

    static String formatIpv4(int bits) {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
    }

    /** Normalises an IPv6 address, {@code addr/n}, or {@code [addr]:port}. */
    static NormalizedValue ipv6(String raw, String value) {
        String address = value;
        Integer port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw invalid(raw, IocType.IPV6, "'[' is not closed by ']'");
            }
            address = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    throw invalid(raw, IocType.IPV6, "only ':port' may follow the bracketed address");
                }
                port = port(raw, IocType.IPV6, rest.substring(1));
            }
        }
        if (address.indexOf('%') >= 0) {
            String zone = Refanger.printable(address.substring(address.indexOf('%')));
            throw invalid(raw, IocType.IPV6, "the zone id '" + zone + "' is local to one host and cannot be shared;"
                    + " remove the '%' suffix");
        }

        int slash = address.indexOf('/');
        String host = slash < 0 ? address : address.substring(0, slash);
        int[] groups = parseIpv6(raw, host);
        if (slash < 0) {
            return new NormalizedValue(IocType.IPV6, formatIpv6(groups), port, null);
        }
        if (port != null) {
            throw invalid(raw, IocType.IPV6, "a CIDR block cannot carry a port; remove ':" + port + "'");
        }
        int prefix = prefix(raw, IocType.IPV6, address.substring(slash + 1), 128);
        if (prefix == 128) {
            return NormalizedValue.of(IocType.IPV6, formatIpv6(groups));
        }
        applyMask(groups, prefix);
        return NormalizedValue.of(IocType.IPV6, formatIpv6(groups) + "/" + prefix);
    }

    /** Parses an IPv6 literal without brackets, prefix or zone into its eight 16-bit groups. */
    static int[] parseIpv6(String raw, String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            throw invalid(raw, IocType.IPV6, "'::' may appear only once");
        }
        int[] head = groups(raw, doubleColon < 0 ? text : text.substring(0, doubleColon));
        int[] tail = doubleColon < 0 ? new int[0] : groups(raw, text.substring(doubleColon + 2));
        int count = head.length + tail.length;
        if (doubleColon < 0 && count != 8) {
            throw invalid(raw, IocType.IPV6, "an IPv6 address without '::' has exactly eight groups, found " + count);
        }
        if (doubleColon >= 0 && count > 7) {
            throw invalid(raw, IocType.IPV6, "'::' must stand for at least one zero group; too many groups");
        }
        int[] result = new int[8];
        System.arraycopy(head, 0, result, 0, head.length);
        System.arraycopy(tail, 0, result, 8 - tail.length, tail.length);
        return result;
    }

    /** Parses colon-separated hex groups; the last one may be an embedded dotted quad worth two groups. */
    private static int[] groups(String raw, String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int lastDotted = parts[parts.length - 1].indexOf('.') >= 0 ? 1 : 0;
        if (parts.length + lastDotted > 8) {
            throw invalid(raw, IocType.IPV6, "an IPv6 address has at most eight groups");
        }
        int[] result = new int[parts.length + lastDotted];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && lastDotted == 1) {
                int bits = parseIpv4Tail(raw, part);
                result[i] = bits >>> 16;
                result[i + 1] = bits & 0xFFFF;
            } else {
                result[i] = hexGroup(raw, part);
            }
        }
        return result;
    }

    private static int parseIpv4Tail(String raw, String part) {
        try {
            return parseIpv4(raw, part);
        } catch (InvalidIocException e) {
            throw invalid(raw, IocType.IPV6, "embedded IPv4 part '" + part + "' is invalid: " + e.reason());
        }
    }

    private static int hexGroup(String raw, String part) {
        if (part.indexOf('.') >= 0) {
            throw invalid(raw, IocType.IPV6, "an embedded IPv4 address may appear only as the last part");
        }
        if (part.isEmpty() || part.length() > 4) {
            throw invalid(raw, IocType.IPV6, "group '" + part + "' must have one to four hex digits");
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            int digit = Character.digit(part.charAt(i), 16);
            if (digit < 0 || part.charAt(i) > 'f') {
                throw invalid(raw, IocType.IPV6, "group '" + part + "' contains a character that is not a hex digit");
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static void applyMask(int[] groups, int prefix) {
        for (int i = 0; i < 8; i++) {
            int keep = Math.max(0, Math.min(16, prefix - i * 16));
            groups[i] &= keep == 0 ? 0 : (0xFFFF << (16 - keep)) & 0xFFFF;
        }
    }

    /**
     * Formats groups in the RFC 5952 form: lowercase, no leading zeros, the longest run of two or more zero groups
     * (the first of equal runs) as {@code ::}, and IPv4-mapped addresses as {@code ::ffff:a.b.c.d}.
     */
    static String formatIpv6(int[] groups) {
        boolean mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xFFFF;
        if (mapped) {
            return "::ffff:" + formatIpv4((groups[6] << 16) | groups[7]);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    static int port(String raw, IocType type, String text) {
        if (text.isEmpty() || text.length() > 5 || !isDigits(text)) {
            throw invalid(raw, type, "port '" + text + "' is not a number from 1 to 65535");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535 || text.charAt(0) == '0') {
            throw invalid(raw, type, "port '" + text + "' is not a number from 1 to 65535 without leading zeros");
        }
        return port;
    }

    private static int prefix(String raw, IocType type, String text, int max) {
        if (text.isEmpty() || text.length() > 3 || !isDigits(text) || (text.length() > 1 && text.charAt(0) == '0')) {
            throw invalid(raw, type, "CIDR prefix '/" + text + "' is not a number from 1 to " + max);
        }
        int prefix = Integer.parseInt(text);
        if (prefix > max) {
            throw invalid(raw, type, "CIDR prefix /" + prefix + " is greater than " + max);
        }
        if (prefix == 0) {
            throw invalid(raw, type, "CIDR prefix /0 would match every address; submit a narrower block");
        }
        return prefix;
    }

    static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !text.isEmpty();
    }

}
