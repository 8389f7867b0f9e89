package iocd.faults;

import iocd.ioc.IocType;
import iocd.store.IocStore;
import iocd.store.PostgresStore;
import iocd.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * Opens a store the way {@code iocd} does and reports on it, for the fault scripts. Prints {@code count=N}, for
 * SQLite also {@code integrity=ok} (or SQLite's complaint), and with {@code --verify FILE} the number of
 * {@code domain} values from the file that are missing. Exits 0 when the store opens, the integrity check passes
 * and nothing is missing, 1 otherwise.
 *
 * <p>Usage: {@code StoreProbe (--data DIR | --db JDBC_URL) [--verify FILE]}; PostgreSQL connects as
 * {@code postgres} without a password, as the embedded test server allows.
 */
public final class StoreProbe {
    private StoreProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path data = null;
        String db = null;
        Path verify = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--db" -> db = args[i + 1];
                case "--verify" -> verify = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        boolean healthy = true;
        try (IocStore store = db == null ? SqliteStore.open(data.resolve("iocd.db"), Clock.systemUTC())
                : PostgresStore.open(db, "postgres", null, Clock.systemUTC())) {
            System.out.println("count=" + store.count());
            if (verify != null) {
                long missing = missing(store, verify);
                System.out.println("missing=" + missing);
                healthy = missing == 0;
            }
        }
        if (db == null) {
            String integrity = integrity(data.resolve("iocd.db"));
            System.out.println("integrity=" + integrity);
            healthy &= integrity.equals("ok");
        }
        System.exit(healthy ? 0 : 1);
    }

    private static long missing(IocStore store, Path file) throws IOException {
        List<String> values = Files.readAllLines(file);
        long missing = 0;
        for (String value : values) {
            if (!value.isBlank() && store.find(IocType.DOMAIN, value.strip()).isEmpty()) {
                if (missing < 10) {
                    System.out.println("missing value: " + value);
                }
                missing++;
            }
        }
        System.out.println("verified=" + values.size());
        return missing;
    }

    private static String integrity(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            result.next();
            return result.getString(1);
        }
    }
}
