package iocd.cli;

import iocd.config.IocdConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: where the data lives. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./iocd-data",
            description = "Data folder for the embedded SQLite store (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "PostgreSQL JDBC URL, for example jdbc:postgresql://db.example.com/iocd; "
                    + "overrides IOCD_DB_URL. User and password come from IOCD_DB_USER and IOCD_DB_PASSWORD "
                    + "(or IOCD_DB_PASSWORD_FILE).")
    String dbUrl;

    IocdConfig config() {
        IocdConfig config = IocdConfig.fromEnvironment(dataDir, System.getenv());
        return dbUrl == null ? config : config.withDbUrl(dbUrl);
    }
}
