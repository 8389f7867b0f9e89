package iocd.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import iocd.ingest.ImportReport;
import iocd.ingest.ImportSettings;
import iocd.ingest.Importer;
import iocd.store.IocStore;
import iocd.store.PostgresStore;
import iocd.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Measures the import rate: one CSV file through {@link Importer} (parsing, type detection, normalisation and
 * batched merges, as {@code iocd import} runs it) into a fresh store, timed from the first read to the last commit.
 *
 * <p>Usage: {@code ImportDriver sqlite FILE DB_FILE [BATCH]} or {@code ImportDriver postgres FILE [BATCH]}. The
 * SQLite target must not exist yet. PostgreSQL runs as an embedded server from the Maven-delivered binaries on a
 * free loopback port and is deleted afterwards. The last line of output is machine-readable:
 * {@code RESULT store=... records=... added=... seconds=... iocs_per_second=...}.
 */
public final class ImportDriver {
    private ImportDriver() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            usage();
        }
        String target = args[0];
        Path file = Path.of(args[1]);
        switch (target) {
            case "sqlite" -> {
                if (args.length < 3) {
                    usage();
                }
                Path db = Path.of(args[2]);
                if (Files.exists(db)) {
                    throw new IllegalArgumentException("SQLite file " + db + " exists; delete it or pick another");
                }
                int batch = args.length > 3 ? Integer.parseInt(args[3]) : ImportSettings.DEFAULT_BATCH_SIZE;
                try (SqliteStore store = SqliteStore.open(db, Clock.systemUTC())) {
                    run("sqlite", store, file, batch);
                }
            }
            case "postgres" -> {
                int batch = args.length > 2 ? Integer.parseInt(args[2]) : ImportSettings.DEFAULT_BATCH_SIZE;
                try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
                    printSettings(server);
                    String url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
                    try (PostgresStore store = PostgresStore.open(url, "postgres", "", Clock.systemUTC())) {
                        run("postgres", store, file, batch);
                    }
                }
            }
            default -> usage();
        }
    }

    private static void run(String name, IocStore store, Path file, int batch) {
        Importer importer = new Importer(store, ImportSettings.DEFAULTS.withBatchSize(batch).withProgressEvery(100_000));
        long started = System.nanoTime();
        Duration cpuBefore = processCpu();
        ImportReport report = importer.importFile(file, "csv", progress ->
                System.err.printf(Locale.ROOT, "  %,d read, %,d added, %.1f s%n", progress.read(), progress.added(),
                        progress.elapsed().toMillis() / 1000.0));
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = processCpu().minus(cpuBefore).toMillis() / 1000.0;
        System.out.println(report.summary());
        if (report.rejected() > 0 || report.failure() != null) {
            throw new IllegalStateException("the benchmark file did not import cleanly: " + report.summary());
        }
        System.out.printf(Locale.ROOT, "RESULT store=%s batch=%d records=%d added=%d stored=%d seconds=%.2f "
                + "iocs_per_second=%.0f driver_cpu_seconds=%.1f%n", name, batch, report.read(), report.added(),
                store.count(), seconds, report.added() / seconds, cpuSeconds);
    }

    /** CPU time of this JVM on all threads; a PostgreSQL server's own processes are not included. */
    private static Duration processCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Prints the durability settings, because they change the commit cost and so the result. */
    private static void printSettings(EmbeddedPostgres server) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN "
                        + "('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'wal_level')")) {
            StringBuilder line = new StringBuilder("postgres settings:");
            while (rows.next()) {
                line.append(' ').append(rows.getString(1)).append('=').append(rows.getString(2));
            }
            System.out.println(line);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("failed to read the embedded PostgreSQL settings", e);
        }
    }

    private static void usage() {
        System.err.println("usage: ImportDriver sqlite FILE DB_FILE [BATCH] | ImportDriver postgres FILE [BATCH]");
        System.exit(2);
    }
}
