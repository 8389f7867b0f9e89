package iocd.ioc;

import java.util.Locale;
import java.util.Optional;

/** The eleven indicator types iocd stores, with their API names and the STIX object each one becomes. */
public enum IocType {
    IPV4("ipv4", "indicator", "IPv4 Address"),
    IPV6("ipv6", "indicator", "IPv6 Address"),
    DOMAIN("domain", "indicator", "Domain"),
    URL("url", "indicator", "URL"),
    MD5("md5", "indicator", "MD5 Hash"),
    SHA1("sha1", "indicator", "SHA-1 Hash"),
    SHA256("sha256", "indicator", "SHA-256 Hash"),
    SHA512("sha512", "indicator", "SHA-512 Hash"),
    EMAIL("email", "indicator", "Email Address"),
    CVE("cve", "vulnerability", "Vulnerability"),
    MITRE_ATTACK("mitre_attack", "attack-pattern", "ATT&CK Technique");

    private final String apiName;
    private final String stixType;
    private final String label;

    IocType(String apiName, String stixType, String label) {
        this.apiName = apiName;
        this.stixType = stixType;
        this.label = label;
    }

    /** Name used in the API's {@code type} parameter, the CLI and the database, for example {@code sha256}. */
    public String apiName() {
        return apiName;
    }

    /** STIX object type this IOC is published as: {@code indicator}, {@code vulnerability} or {@code attack-pattern}. */
    public String stixType() {
        return stixType;
    }

    /** Human label used in indicator names, for example "IPv4 Address". */
    public String label() {
        return label;
    }

    public boolean isIndicator() {
        return stixType.equals("indicator");
    }

    public boolean isHash() {
        return this == MD5 || this == SHA1 || this == SHA256 || this == SHA512;
    }

    /** Looks a type up by its API name, ignoring case and surrounding blanks. */
    public static Optional<IocType> fromApiName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (IocType type : values()) {
            if (type.apiName.equals(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Comma-separated list of every API name, for error messages. */
    public static String apiNames() {
        StringBuilder names = new StringBuilder();
        for (IocType type : values()) {
            if (!names.isEmpty()) {
                names.append(", ");
            }
            names.append(type.apiName);
        }
        return names.toString();
    }
}
