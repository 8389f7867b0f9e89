package iocd.cli;

import iocd.config.IocdConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command shares: where the data lives. Subcommands accept them too, as in {@code keys list --data DIR}. */
final class DataOptions {
    @Option(names = "--data", scope = ScopeType.INHERIT, paramLabel = "DIR", defaultValue = "./iocd-data",
            description = "Data folder for the embedded SQLite store (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "JDBC_URL",
            description = "PostgreSQL JDBC URL, for example jdbc:postgresql://db.example.com/iocd; "
                    + "overrides IOCD_DB_URL. User and password come from IOCD_DB_USER and IOCD_DB_PASSWORD "
                    + "(or IOCD_DB_PASSWORD_FILE).")
    String dbUrl;

    IocdConfig config() {
        IocdConfig config = IocdConfig.fromEnvironment(dataDir, System.getenv());
        return dbUrl == null ? config : config.withDbUrl(dbUrl);
    }
}
