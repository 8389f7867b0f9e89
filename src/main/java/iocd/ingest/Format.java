package iocd.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The input formats the importer reads, by the names {@code --format} accepts. */
public enum Format {
    /** ThreatFox JSON export, API response or the compact defanged variant. */
    THREATFOX("threatfox"),
    /** URLhaus CSV dump. */
    URLHAUS("urlhaus"),
    /** One value per line, type detected per value. */
    PLAIN("plain"),
    /** CSV with or without a header, columns by {@link CsvMapping}. */
    CSV("csv"),
    /** CISA Known Exploited Vulnerabilities catalog JSON. */
    KEV("kev"),
    /** STIX 2.0 or 2.1 bundle. */
    STIX("stix"),
    /** MISP event JSON. */
    MISP("misp"),
    /** abuse.ch Feodo Tracker botnet C2 blocklist, JSON or CSV flavour. */
    FEODO("feodo");

    private final String formatName;

    Format(String formatName) {
        this.formatName = formatName;
    }

    /** Name used by {@code --format} and in import reports. */
    public String formatName() {
        return formatName;
    }

    /** Looks a format up by name, ignoring case and surrounding blanks. */
    public static Optional<Format> fromName(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.formatName.equals(key)).findFirst();
    }

    /** Comma-separated list of every format name, for help and error messages. */
    public static String names() {
        return Arrays.stream(values()).map(Format::formatName).collect(Collectors.joining(", "));
    }
}
