package iocd.config;

import iocd.IocdException;
import iocd.auth.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything iocd needs to run, built once from defaults, environment variables and command-line flags (later
 * layers win) and never changed afterwards.
 *
 * @param dataDir        folder for the SQLite file and local state
 * @param dbUrl          PostgreSQL JDBC URL, or null for the embedded SQLite store in {@code dataDir}
 * @param dbUser         database user, or null
 * @param dbPassword     database password, or null; never printed (see {@link #toString()})
 * @param host           address the HTTP server binds to; loopback by default
 * @param port           HTTP port; 0 picks a free one
 * @param identityName   name of the publisher identity every STIX object references
 * @param greenThreshold confidence at or above which an unmarked IOC is published TLP:GREEN instead of CLEAR
 * @param plans          plans by name
 * @param maxBodyBytes   largest request body accepted, in bytes
 * @param publicUrl      base URL clients use to reach the server (for example {@code https://iocd.example.com}
 *                       behind a TLS proxy), used in continuation links; null to take it from each request
 */
public record IocdConfig(
        Path dataDir,
        @Nullable String dbUrl,
        @Nullable String dbUser,
        @Nullable String dbPassword,
        String host,
        int port,
        String identityName,
        int greenThreshold,
        Map<String, Plan> plans,
        long maxBodyBytes,
        @Nullable String publicUrl) {

    public static final String DEFAULT_IDENTITY_NAME = "SOC Defenders";
    public static final int DEFAULT_GREEN_THRESHOLD = 70;
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

    public IocdConfig {
        plans = Map.copyOf(plans);
        if (port < 0 || port > 65535) {
            throw invalid("port", String.valueOf(port), "must be between 0 and 65535");
        }
        if (greenThreshold < 0 || greenThreshold > 101) {
            throw invalid("green threshold", String.valueOf(greenThreshold), "must be between 0 and 101");
        }
        if (identityName.isBlank()) {
            throw invalid("identity name", identityName, "must not be blank");
        }
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw invalid("database URL", maskUrl(dbUrl), "must start with jdbc:postgresql:");
        }
        if (publicUrl != null && !publicUrl.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
            throw invalid("public URL", publicUrl, "must be an absolute http or https URL without query, such as "
                    + "https://iocd.example.com");
        }
        if (maxBodyBytes < 1024) {
            throw invalid("max body size", String.valueOf(maxBodyBytes), "must be at least 1024 bytes");
        }
    }

    /**
     * Builds the configuration from defaults and the environment: {@code IOCD_DB_URL}, {@code IOCD_DB_USER},
     * {@code IOCD_DB_PASSWORD} (or {@code IOCD_DB_PASSWORD_FILE}, a file whose first line is the password),
     * {@code IOCD_IDENTITY_NAME}, {@code IOCD_GREEN_THRESHOLD}.
     */
    public static IocdConfig fromEnvironment(Path dataDir, Map<String, String> env) {
        String password = env.get("IOCD_DB_PASSWORD");
        String passwordFile = env.get("IOCD_DB_PASSWORD_FILE");
        if (password == null && passwordFile != null) {
            password = readPasswordFile(Path.of(passwordFile));
        }
        int threshold = DEFAULT_GREEN_THRESHOLD;
        String thresholdText = env.get("IOCD_GREEN_THRESHOLD");
        if (thresholdText != null) {
            try {
                threshold = Integer.parseInt(thresholdText.strip());
            } catch (NumberFormatException e) {
                throw invalid("IOCD_GREEN_THRESHOLD", thresholdText, "must be a whole number from 0 to 101");
            }
        }
        return new IocdConfig(dataDir, blankToNull(env.get("IOCD_DB_URL")), blankToNull(env.get("IOCD_DB_USER")),
                password, "127.0.0.1", 8080, env.getOrDefault("IOCD_IDENTITY_NAME", DEFAULT_IDENTITY_NAME),
                threshold, Plan.defaults(), DEFAULT_MAX_BODY_BYTES, blankToNull(env.get("IOCD_PUBLIC_URL")));
    }

    public IocdConfig withDataDir(Path dir) {
        return new IocdConfig(dir, dbUrl, dbUser, dbPassword, host, port, identityName, greenThreshold, plans,
                maxBodyBytes, publicUrl);
    }

    public IocdConfig withDbUrl(@Nullable String url) {
        return new IocdConfig(dataDir, url, dbUser, dbPassword, host, port, identityName, greenThreshold, plans,
                maxBodyBytes, publicUrl);
    }

    public IocdConfig withListen(String newHost, int newPort) {
        return new IocdConfig(dataDir, dbUrl, dbUser, dbPassword, newHost, newPort, identityName, greenThreshold,
                plans, maxBodyBytes, publicUrl);
    }

    public IocdConfig withIdentityName(String name) {
        return new IocdConfig(dataDir, dbUrl, dbUser, dbPassword, host, port, name, greenThreshold, plans,
                maxBodyBytes, publicUrl);
    }

    /** Returns the SQLite file inside the data folder. */
    public Path sqliteFile() {
        return dataDir.resolve("iocd.db");
    }

    /** Describes the configuration safely for logs: the password is masked and URL credentials are removed. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "IocdConfig[dataDir=%s, db=%s, dbUser=%s, dbPassword=%s, listen=%s:%d, identityName=%s, "
                        + "greenThreshold=%d, plans=%s, maxBodyBytes=%d, publicUrl=%s]",
                dataDir, dbUrl == null ? "sqlite" : maskUrl(dbUrl), dbUser, dbPassword == null ? "(none)" : "****",
                host, port, identityName, greenThreshold, plans.keySet(), maxBodyBytes,
                publicUrl == null ? "(from requests)" : maskUrl(publicUrl));
    }

    /** Removes a password given as a URL query parameter or as user info. */
    public static String maskUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1****").replaceAll("//[^/@]*@", "//****@");
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String readPasswordFile(Path file) {
        try {
            return Files.readAllLines(file).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new IocdException("invalid_config",
                    "cannot read the database password file " + file + ": " + e.getMessage(), e);
        }
    }

    private static IocdException invalid(String what, String value, String rule) {
        return new IocdException("invalid_config",
                String.format(Locale.ROOT, "invalid %s '%s': %s", what, value, rule));
    }
}
