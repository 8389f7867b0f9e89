package iocd.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures merge throughput; a manual harness, not a test. It merges generated IOCs in batches into a fresh store,
 * then merges the same IOCs again (every one unchanged), and prints IOCs per second for both passes.
 *
 * <pre>
 * java -cp TEST_CLASSPATH iocd.store.ImportThroughput sqlite|postgres [count=100000] [batch=2000] [jdbcUrl user]
 * </pre>
 *
 * <p>{@code postgres} without a URL starts an embedded PostgreSQL server on 127.0.0.1 for the run; with a URL it
 * uses that database (which should be empty) and reads the password from {@code IOCD_DB_PASSWORD}.
 */
public final class ImportThroughput {
    private ImportThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !List.of("sqlite", "postgres").contains(args[0])) {
            System.err.println("usage: ImportThroughput sqlite|postgres [count] [batch] [jdbcUrl user]");
            System.exit(2);
        }
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        List<List<Ioc>> batches = generate(count, batchSize);

        if (args[0].equals("sqlite")) {
            Path folder = Files.createTempDirectory("iocd-throughput");
            try (IocStore store = SqliteStore.open(folder.resolve("iocd.db"), Clock.systemUTC())) {
                run("sqlite", store, batches, count, batchSize);
            }
        } else if (args.length > 4) {
            String password = System.getenv().getOrDefault("IOCD_DB_PASSWORD", "");
            try (IocStore store = PostgresStore.open(args[3], args[4], password, Clock.systemUTC())) {
                run("postgres", store, batches, count, batchSize);
            }
        } else {
            try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                    IocStore store = PostgresStore.open("jdbc:postgresql://127.0.0.1:" + server.getPort()
                            + "/postgres", "postgres", "", Clock.systemUTC())) {
                run("postgres (embedded)", store, batches, count, batchSize);
            }
        }
    }

    private static void run(String name, IocStore store, List<List<Ioc>> batches, int count, int batchSize) {
        System.out.printf(Locale.ROOT, "%s, %d IOCs in batches of %d%n", name, count, batchSize);
        pass("new", store, batches, count);
        pass("unchanged", store, batches, count);
        System.out.printf(Locale.ROOT, "  stored %d%n", store.count());
    }

    /**
     * Merges every batch and prints IOCs per second by wall time and by the CPU time of this thread. SQLite does
     * its work on the calling thread, so on a busy machine the CPU figure shows what the store costs; PostgreSQL
     * works in its own processes, so only the wall figure means much there.
     */
    private static void pass(String label, IocStore store, List<List<Ioc>> batches, int count) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (List<Ioc> batch : batches) {
            store.merge(batch);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "  %-9s %8.0f IOCs/s wall (%.2f s), %8.0f IOCs/s per CPU second of the "
                + "merging thread%n", label, count / wall, wall, count / cpu);
    }

    /** Half domains, half SHA-256 hashes, with a tag, a confidence and a first-seen time like a feed's. */
    private static List<List<Ioc>> generate(int count, int batchSize) {
        Random random = new Random(42);
        HexFormat hex = HexFormat.of();
        Instant firstSeen = Instant.parse("2026-04-01T00:00:00Z");
        List<List<Ioc>> batches = new ArrayList<>();
        List<Ioc> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < count; i++) {
            Ioc.Builder builder;
            if (i % 2 == 0) {
                builder = Ioc.builder(IocType.DOMAIN, String.format(Locale.ROOT, "host%08d.example.com", i));
            } else {
                byte[] digest = new byte[32];
                random.nextBytes(digest);
                builder = Ioc.builder(IocType.SHA256, hex.formatHex(digest));
            }
            batch.add(builder.confidence(random.nextInt(101)).tags(List.of("family-" + random.nextInt(50)))
                    .firstSeen(firstSeen.plusSeconds(i)).lastSeen(firstSeen.plusSeconds(i))
                    .sourceTlp(i % 10 == 0 ? Tlp.AMBER : null).source("throughput").build());
            if (batch.size() == batchSize) {
                batches.add(batch);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }
}
