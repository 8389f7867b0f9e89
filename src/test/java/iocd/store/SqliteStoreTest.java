package iocd.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends IocStoreContract {
    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve("data").resolve("iocd.db");
    }

    @Override
    IocStore openStore(TestClock clock) {
        return SqliteStore.open(file(), clock);
    }

    @Override
    IocStore openPeer(TestClock clock) {
        return SqliteStore.open(file(), clock);
    }

    @Override
    boolean storesNulInText() {
        return true;
    }

    @Override
    void executeRaw(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    @Test
    void open_createsFolderAndKeepsDataAcrossRestart() {
        StoredIoc stored = mergeOne(ipv4("198.51.100.70").build());
        store.close();

        store = SqliteStore.open(file(), clock);

        assertThat(store.findById(stored.id())).contains(stored);
        assertThat(mergeOne(domain(1)).seq()).isEqualTo(stored.seq() + 1);
    }

    @Test
    void open_usesWriteAheadLog() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = connection.createStatement();
                var row = statement.executeQuery("PRAGMA journal_mode")) {
            row.next();
            assertThat(row.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void merge_laterStampAfterRestartWithClockBehind() {
        clock.set(Instant.parse("2026-05-01T12:00:00Z"));
        StoredIoc first = mergeOne(domain(1));
        store.close();
        clock.set(Instant.parse("2026-05-01T11:00:00Z"));

        store = SqliteStore.open(file(), clock);

        assertThat(store.merge(List.of(domain(2))).outcomes().get(0).current().modified())
                .isEqualTo(first.modified().plusMillis(1));
    }
}
