package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import iocd.MutableClock;
import iocd.store.SqliteStore;
import iocd.store.StoreUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken input and a failing store during import, against a real SQLite file: the import either reports and goes
 * on or stops with a reason, every batch is stored whole or not at all, and the database stays intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportFaultTest {
    private static final long SEED = 0x1A90L;
    private static final Map<String, String> FIXTURES = new LinkedHashMap<>();

    // Fixture resource to format name.
    static {
        FIXTURES.put("threatfox/export.json", "threatfox");
        FIXTURES.put("urlhaus/online.csv", "urlhaus");
        FIXTURES.put("plain/mixed.txt", "plain");
        FIXTURES.put("csv/named-columns.csv", "csv");
        FIXTURES.put("kev/catalog.json", "kev");
        FIXTURES.put("stix/bundle21.json", "stix");
        FIXTURES.put("misp/event.json", "misp");
        FIXTURES.put("feodo/blocklist.json", "feodo");
        FIXTURES.put("feodo/ipblocklist.csv", "feodo");
    }

    // One store for the whole class: each case checks what it added, so cases need not start empty.
    private Path dir;
    private SqliteStore store;

    @BeforeAll
    void open(@TempDir Path dir) {
        this.dir = dir;
        store = SqliteStore.open(dir.resolve("iocd.db"), new MutableClock(Instant.parse("2026-06-01T12:00:00Z")));
    }

    @AfterAll
    void close() {
        store.close();
    }

    static Stream<Arguments> malformedInputs() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(SEED);
        for (Map.Entry<String, String> fixture : FIXTURES.entrySet()) {
            byte[] good = resource(fixture.getKey());
            String format = fixture.getValue();
            // The file name distinguishes the two flavours of one format in the test names.
            String file = fixture.getKey().substring(fixture.getKey().indexOf('/') + 1) + ", ";
            for (int percent : new int[] {1, 10, 50, 90, 99}) {
                cases.add(Arguments.of(format, file + "truncated at " + percent + "%",
                        java.util.Arrays.copyOf(good, good.length * percent / 100)));
            }
            cases.add(Arguments.of(format, file + "empty", new byte[0]));
            cases.add(Arguments.of(format, file + "byte order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB,
                    (byte) 0xBF}, good)));
            cases.add(Arguments.of(format, file + "CRLF line ends", new String(good, StandardCharsets.UTF_8)
                    .replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
            cases.add(Arguments.of(format, file + "Latin-1 bytes mixed in", sprinkle(good, random, (byte) 0xE9)));
            cases.add(Arguments.of(format, file + "NUL bytes mixed in", sprinkle(good, random, (byte) 0)));
            cases.add(Arguments.of(format, file + "random bytes", randomBytes(random, 4096)));
            cases.add(Arguments.of(format, file + "UTF-16 encoded", new String(good, StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.UTF_16)));
            cases.add(Arguments.of(format, file + "doubled", concat(good, good)));
        }
        cases.add(Arguments.of("csv", "missing columns", "Indicator,Tags\n192.0.2.1\n,,,,,\n\"unclosed,quote\n"
                .getBytes(StandardCharsets.UTF_8)));
        cases.add(Arguments.of("csv", "no indicator column", "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8)));
        cases.add(Arguments.of("urlhaus", "wrong columns", "\"1\",\"2\"\n\"x\"\n".getBytes(StandardCharsets.UTF_8)));
        cases.add(Arguments.of("threatfox", "wrong shape", "[1, 2, {\"a\": []}]".getBytes(StandardCharsets.UTF_8)));
        cases.add(Arguments.of("feodo", "wrong shape", "{\"ip_address\": \"192.0.2.1\", \"entries\": [1, 2]}"
                .getBytes(StandardCharsets.UTF_8)));
        cases.add(Arguments.of("feodo", "entries of every JSON kind",
                "[1, \"x\", null, true, [[]], {}, {\"ip_address\": 7}]".getBytes(StandardCharsets.UTF_8)));
        cases.add(Arguments.of("stix", "objects not an array", "{\"type\": \"bundle\", \"objects\": 5}"
                .getBytes(StandardCharsets.UTF_8)));
        cases.add(Arguments.of("misp", "deep nesting", ("{\"response\": " + "[".repeat(100_000))
                .getBytes(StandardCharsets.UTF_8)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedInputs")
    void malformedInput_reportsAndStoresOnlyWholeBatches(String format, String variant, byte[] input) {
        long before = store.count();
        Importer importer = new Importer(store, ImportSettings.DEFAULTS.withBatchSize(2));

        ImportReport report;
        try {
            report = importer.importStream(new ByteArrayInputStream(input), variant, format, ProgressListener.NONE);
        } catch (ImportException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(store.count()).isEqualTo(before);
            return;
        }

        assertThat(report.read()).isEqualTo(report.added() + report.updated() + report.unchanged()
                + report.rejected() + report.skipped());
        assertThat(store.count() - before).as("IOCs stored versus reported as new").isEqualTo(report.added());
        if (!report.completed()) {
            // The input is in memory, so no read can fail. A "reading failed" message means that a parser let a
            // JSON syntax error through without naming its line.
            assertThat(report.failure()).isNotBlank().doesNotStartWith("reading failed");
        }
        assertIntact();
    }

    @Test
    void storeFailure_dropsOnlyFailingBatch() throws Exception {
        StringBuilder list = new StringBuilder();
        for (int i = 1; i <= 35; i++) {
            list.append("198.51.100.").append(i).append('\n');
        }
        poison("198.51.100.25");
        long before = store.count();
        Importer importer = new Importer(store, ImportSettings.DEFAULTS.withBatchSize(10));

        StoreUnavailableException failure = null;
        try {
            importer.importStream(new ByteArrayInputStream(list.toString().getBytes(StandardCharsets.UTF_8)),
                    "list", "plain", ProgressListener.NONE);
        } catch (StoreUnavailableException e) {
            failure = e;
        }

        unpoison();
        assertThat(failure).as("the store failure reaches the caller").isNotNull();
        assertThat(store.count() - before).isEqualTo(20);
        assertThat(store.find(iocd.ioc.IocType.IPV4, "198.51.100.20")).isPresent();
        for (int i = 21; i <= 35; i++) {
            assertThat(store.find(iocd.ioc.IocType.IPV4, "198.51.100." + i)).as("value %d", i).isEmpty();
        }
        assertIntact();
    }

    @Test
    void twoGigabyteLine_isRejectedWithoutHoldingIt() throws Exception {
        InputStream input = new HugeLineStream("192.0.2.201\n", 2L << 30, "\n198.51.100.201\n");
        Importer importer = new Importer(store);

        ImportReport report = importer.importStream(input, "huge", "plain", ProgressListener.NONE);

        assertThat(report.completed()).isTrue();
        assertThat(report.read() - report.rejected()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.rejections().get(0).reason()).contains("longer than");
    }

    @Test
    void twoGigabyteJsonString_stopsTheImportCleanly() throws Exception {
        InputStream input = new HugeLineStream("{\"1\": [{\"ioc_value\": \"192.0.2.1\", \"ioc_type\": \"ip:port\"}],"
                + " \"2\": [{\"ioc_value\": \"", 2L << 30, "\"}]}");
        Importer importer = new Importer(store, ImportSettings.DEFAULTS.withBatchSize(1));

        ImportReport report = importer.importStream(input, "huge", "threatfox", ProgressListener.NONE);

        assertThat(report.completed()).isFalse();
        assertThat(report.failure()).isNotBlank();
        assertThat(report.read()).isLessThanOrEqualTo(1);
        assertIntact();
    }

    /** Makes SQLite abort any transaction that inserts {@code value}, as a disk or constraint failure would. */
    private void poison(String value) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("iocd.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TRIGGER poison BEFORE INSERT ON ioc WHEN NEW.value = '" + value + "' "
                    + "BEGIN SELECT RAISE(ABORT, 'poisoned value'); END");
        }
    }

    private void unpoison() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("iocd.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER poison");
        }
    }

    private void assertIntact() {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("iocd.db"));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("ok");
        } catch (java.sql.SQLException e) {
            throw new AssertionError("integrity check failed to run", e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImportFaultTest.class.getResourceAsStream("/ingest/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /ingest/" + name);
            }
            return in.readAllBytes();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] sprinkle(byte[] good, SplittableRandom random, byte value) {
        byte[] copy = good.clone();
        for (int i = 0; i < Math.max(1, copy.length / 50); i++) {
            copy[random.nextInt(copy.length)] = value;
        }
        return copy;
    }

    private static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A prefix, {@code length} bytes of {@code a} made up on the fly, and a suffix, without holding the middle. */
    static final class HugeLineStream extends InputStream {
        private final byte[] prefix;
        private final byte[] suffix;
        private final long length;
        private long position;

        HugeLineStream(String prefix, long length, String suffix) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
            this.length = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            long total = prefix.length + length + suffix.length;
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(count, total - position);
            for (int i = 0; i < n; i++) {
                long at = position + i;
                if (at < prefix.length) {
                    buffer[offset + i] = prefix[(int) at];
                } else if (at < prefix.length + length) {
                    // Fill the rest of this stretch of the middle in one call; it is the bulk of the stream.
                    int run = (int) Math.min(n - i, prefix.length + length - at);
                    java.util.Arrays.fill(buffer, offset + i, offset + i + run, (byte) 'a');
                    i += run - 1;
                } else {
                    buffer[offset + i] = suffix[(int) (at - prefix.length - length)];
                }
            }
            position += n;
            return n;
        }
    }

    static String describe(byte[] input) {
        return String.format(Locale.ROOT, "%d bytes", input.length);
    }
}
