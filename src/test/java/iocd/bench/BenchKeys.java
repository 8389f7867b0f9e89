package iocd.bench;

import iocd.auth.ApiKeys;
import iocd.auth.Plan;
import iocd.ioc.Tlp;
import iocd.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates enterprise-plan API keys in a SQLite store for the load drivers and writes them, one a line, to a file.
 *
 * <p>Rate limits apply per key (enterprise: 3,000 requests a minute), so a driver that must exceed one key's
 * rate spreads its requests over several keys; the server still authenticates and rate-limits every request.
 * Usage: {@code BenchKeys DB_FILE COUNT OUT_FILE}.
 */
public final class BenchKeys {
    private BenchKeys() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: BenchKeys DB_FILE COUNT OUT_FILE");
            System.exit(2);
        }
        int count = Integer.parseInt(args[1]);
        List<String> secrets = new ArrayList<>();
        try (SqliteStore store = SqliteStore.open(Path.of(args[0]), Clock.systemUTC())) {
            ApiKeys keys = new ApiKeys(store, Plan.defaults(), Clock.systemUTC());
            for (int i = 0; i < count; i++) {
                secrets.add(keys.create("enterprise", "bench-" + i, Tlp.RED).secret());
            }
        }
        Files.write(Path.of(args[2]), secrets);
    }
}
