package iocd.ingest;

import iocd.ioc.IocType;
import iocd.ioc.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the type labels feeds write in type columns and headers ({@code ip}, {@code ip:port}, {@code FQDN},
 * {@code file_sha256}, {@code email_address}) to the IOC types a value of that label may have. A label such as
 * {@code ip} allows more than one type; the value's shape decides between them.
 */
final class TypeNames {
    private static final List<IocType> IP = List.of(IocType.IPV4, IocType.IPV6);
    private static final Map<String, List<IocType>> LABELS = labels();

    private TypeNames() {
    }

    /**
     * Returns the types a label allows, first the one assumed when the value's shape fits none. Case, spaces,
     * dashes, underscores, colons and dots are ignored.
     */
    static Optional<List<IocType>> resolve(String label) {
        String key = key(label);
        List<IocType> types = LABELS.get(key);
        if (types != null) {
            return Optional.of(types);
        }
        for (String prefix : List.of("file", "cert", "certificate", "hash", "filehashes", "x509")) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                Optional<IocType> hash = hashType(key.substring(prefix.length()));
                if (hash.isPresent()) {
                    return Optional.of(List.of(hash.get()));
                }
            }
        }
        return hashType(key).map(List::of);
    }

    /** Lowercase letters and digits of a label, the form used for matching header and type names. */
    static String key(String label) {
        StringBuilder key = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                key.append(Character.toLowerCase(c));
            }
        }
        return key.toString();
    }

    private static Optional<IocType> hashType(String key) {
        String trimmed = key.endsWith("hash") ? key.substring(0, key.length() - 4) : key;
        if (!trimmed.startsWith("md5") && !trimmed.startsWith("sha")) {
            return Optional.empty();
        }
        return Normalizer.hashTypeFromKey(trimmed);
    }

    private static Map<String, List<IocType>> labels() {
        Map<String, List<IocType>> labels = new HashMap<>();
        for (IocType type : IocType.values()) {
            labels.put(key(type.apiName()), List.of(type));
        }
        for (String ip : List.of("ip", "ipport", "ipaddress", "ipaddr", "ipdst", "ipsrc", "ipdstport", "ipsrcport",
                "dstip", "srcip", "address", "c2ip", "ipv4addr")) {
            labels.put(ip, IP);
        }
        labels.put("ipv6addr", List.of(IocType.IPV6));
        for (String domain : List.of("domain", "domainname", "hostname", "host", "fqdn", "dns", "hostnameport")) {
            labels.put(domain, List.of(IocType.DOMAIN));
        }
        for (String url : List.of("url", "uri", "link")) {
            labels.put(url, List.of(IocType.URL));
        }
        for (String email : List.of("email", "emailaddress", "emailaddr", "emailsrc", "emaildst", "mail", "sender")) {
            labels.put(email, List.of(IocType.EMAIL));
        }
        for (String cve : List.of("cve", "cveid", "vulnerability")) {
            labels.put(cve, List.of(IocType.CVE));
        }
        for (String attack : List.of("mitreattack", "attackpattern", "technique", "techniqueid", "ttp")) {
            labels.put(attack, List.of(IocType.MITRE_ATTACK));
        }
        return Map.copyOf(labels);
    }
}
