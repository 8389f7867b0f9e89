package iocd.ioc;

import static iocd.ioc.Normalizer.invalid;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canonicalises URLs: the value stays as received after refanging, except that the scheme and host are lowercased
 * and an internationalised host becomes punycode. Path, query and fragment are kept byte for byte, including
 * percent-encoding, quotes, backslashes and braces.
 *
 * <p>A value without a scheme whose first segment is a valid host ({@code evil.example.com/path}) gets
 * {@code http://} prepended, because feeds list such URLs without a scheme. A broken defang such as
 * {@code hxxps:/host/} is repaired to {@code https://host/} for the well-known schemes, where nothing else can
 * be meant.
 */
final class UrlNormalizer {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Set<String> REPAIRABLE = Set.of("http", "https", "ftp", "ftps");

    private UrlNormalizer() {
    }

    static NormalizedValue normalize(String raw, String value) {
        String url = withScheme(raw, value);
        Matcher scheme = SCHEME.matcher(url);
        if (!scheme.find()) {
            throw invalid(raw, IocType.URL, "a URL needs a scheme such as http://");
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        String rest = url.substring(scheme.end());
        if (name.length() == 1) {
            throw invalid(raw, IocType.URL, "is a Windows file path, not a URL");
        }
        if (REPAIRABLE.contains(name) && rest.startsWith("/") && !rest.startsWith("//")) {
            rest = "/" + rest;
        }
        if (!rest.startsWith("//")) {
            throw invalid(raw, IocType.URL, "a URL needs '//' and a host after '" + name + ":'");
        }
        return NormalizedValue.of(IocType.URL, name + "://" + authorityAndRest(raw, rest.substring(2)));
    }

    /** Returns whether a value without a scheme starts with a host and so may be read as an http URL. */
    static boolean isSchemeless(String value) {
        if (SCHEME.matcher(value).find() && value.contains("://")) {
            return false;
        }
        int end = authorityEnd(value, 0);
        if (end == value.length() || value.charAt(end) == '\\') {
            return false;
        }
        String host = value.substring(0, end);
        int colon = host.lastIndexOf(':');
        if (colon > 0 && IpNormalizer.isDigits(host.substring(colon + 1))) {
            host = host.substring(0, colon);
        }
        return DomainNormalizer.isValid(host) || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    private static String withScheme(String raw, String value) {
        if (value.contains("://") || !isSchemeless(value)) {
            return value;
        }
        return "http://" + value;
    }

    private static String authorityAndRest(String raw, String afterSlashes) {
        int end = authorityEnd(afterSlashes, 0);
        String authority = afterSlashes.substring(0, end);
        String rest = afterSlashes.substring(end);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
        String hostPort = authority.substring(at + 1);
        if (hostPort.isEmpty()) {
            throw invalid(raw, IocType.URL, "a URL needs a host after '//'");
        }
        return userInfo + hostAndPort(raw, hostPort) + rest;
    }

    // Browsers treat '\' like '/' in http URLs, so it ends the host as well.
    private static int authorityEnd(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/' || c == '?' || c == '#' || c == '\\') {
                return i;
            }
        }
        return text.length();
    }

    private static String hostAndPort(String raw, String hostPort) {
        String host = hostPort;
        String port = "";
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw invalid(raw, IocType.URL, "IPv6 host '[' is not closed by ']'");
            }
            host = hostPort.substring(0, close + 1);
            port = portSuffix(raw, hostPort.substring(close + 1));
            return "[" + ipv6Host(raw, host.substring(1, close)) + "]" + port;
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0) {
            host = hostPort.substring(0, colon);
            port = portSuffix(raw, hostPort.substring(colon));
        }
        return host(raw, host) + port;
    }

    private static String portSuffix(String raw, String suffix) {
        if (suffix.isEmpty() || suffix.equals(":")) {
            return "";
        }
        if (suffix.charAt(0) != ':') {
            throw invalid(raw, IocType.URL, "only ':port' may follow the host");
        }
        return ":" + IpNormalizer.port(raw, IocType.URL, suffix.substring(1));
    }

    private static String ipv6Host(String raw, String literal) {
        try {
            return IpNormalizer.formatIpv6(IpNormalizer.parseIpv6(raw, literal));
        } catch (InvalidIocException e) {
            throw invalid(raw, IocType.URL, "host is not a valid IPv6 address: " + e.reason());
        }
    }

    private static String host(String raw, String host) {
        if (host.matches("[0-9.]+")) {
            try {
                return IpNormalizer.formatIpv4(IpNormalizer.parseIpv4(raw, host));
            } catch (InvalidIocException e) {
                throw invalid(raw, IocType.URL, "host is not a valid IPv4 address: " + e.reason());
            }
        }
        try {
            return DomainNormalizer.normalize(raw, host, IocType.URL).value();
        } catch (InvalidIocException e) {
            throw invalid(raw, IocType.URL, "host '" + Refanger.printable(host) + "' is invalid: " + e.reason());
        }
    }
}
