package iocd.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import iocd.ioc.IocType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode. One writer connection, guarded by a lock, takes every write
 * transaction with {@code BEGIN IMMEDIATE}, so writers in this and other processes are serialised. Readers use a
 * small pool of their own connections and see committed data only. Thread-safe.
 */
public final class SqliteStore extends JdbcStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    /** Values per lookup query, well below SQLite's default limit of 32,766 parameters per statement. */
    private static final int LOOKUP_CHUNK = 500;
    private static final int READERS = 4;
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    /** Page cache per connection. SQLite's default of 2 MiB makes the index updates of a large import hit the disk. */
    private static final int CACHE_KIB = 64 * 1024;
    /**
     * WAL pages before a checkpoint copies them into the database file. Bulk merges dirty the same index pages
     * again and again, so a longer interval than the default of 1,000 pages writes each page back fewer times.
     */
    private static final int AUTOCHECKPOINT_PAGES = 16_000;

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final HikariDataSource readers;

    private SqliteStore(Path file, Clock clock, Connection writer, HikariDataSource readers) {
        super(clock, new IocRows(new BlobIds()));
        this.file = file;
        this.writer = writer;
        this.readers = readers;
    }

    /**
     * Opens the store in {@code file}, creating the file and its parent folders when missing, and applies pending
     * schema migrations.
     *
     * @param file  the database file
     * @param clock source of stamps for new versions
     * @throws StoreUnavailableException when the file cannot be created, opened or migrated
     */
    public static SqliteStore open(Path file, Clock clock) {
        Path absolute = file.toAbsolutePath();
        createParent(absolute);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setCacheSize(-CACHE_KIB);
        config.setWalAutocheckpoint(AUTOCHECKPOINT_PAGES);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + absolute);

        migrate(dataSource, absolute);
        Connection writer;
        try {
            writer = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreUnavailableException(String.format(Locale.ROOT,
                    "Failed to open SQLite database %s: %s", absolute, e.getMessage()), e);
        }
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(dataSource);
        pool.setPoolName("iocd-sqlite-readers");
        pool.setMaximumPoolSize(READERS);
        pool.setMinimumIdle(1);
        HikariDataSource readers;
        try {
            readers = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            closeQuietly(writer, e);
            throw new StoreUnavailableException(String.format(Locale.ROOT,
                    "Failed to open reader connections to SQLite database %s: %s", absolute, e.getMessage()), e);
        }
        LOG.info("Opened SQLite store {}", absolute);
        return new SqliteStore(absolute, clock, writer, readers);
    }

    private static void createParent(Path file) {
        Path parent = file.getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreUnavailableException(String.format(Locale.ROOT,
                    "Failed to create folder %s for the SQLite database: %s", parent, e.getMessage()), e);
        }
    }

    private static void migrate(SQLiteDataSource dataSource, Path file) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/sqlite")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreUnavailableException(String.format(Locale.ROOT,
                    "Failed to migrate the schema of SQLite database %s: %s", file, e.getMessage()), e);
        }
    }

    @Override
    <T> T read(String operation, SqlWork<T> work) {
        try (Connection connection = readers.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    @Override
    <T> T write(String operation, SqlWork<T> work) {
        writeLock.lock();
        try {
            execute("BEGIN IMMEDIATE");
            T result;
            try {
                result = work.run(writer);
            } catch (SQLException | RuntimeException e) {
                rollback(e);
                throw e;
            }
            execute("COMMIT");
            return result;
        } catch (SQLException e) {
            throw failure(operation, e);
        } finally {
            writeLock.unlock();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.execute(sql);
        }
    }

    private void rollback(Exception cause) {
        try {
            execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private StoreUnavailableException failure(String operation, SQLException e) {
        return new StoreUnavailableException(String.format(Locale.ROOT,
                "Failed to %s in SQLite database %s: %s", operation, file, e.getMessage()), e);
    }

    @Override
    String selectStampStateSql() {
        // BEGIN IMMEDIATE already holds the database's write lock.
        return "SELECT last_seq, last_stamp FROM stamp_state WHERE id = 1";
    }

    @Override
    Map<String, StoredIoc> findExisting(Connection connection, IocType type, List<String> values)
            throws SQLException {
        Map<String, StoredIoc> found = new HashMap<>();
        for (int start = 0; start < values.size(); start += LOOKUP_CHUNK) {
            List<String> chunk = values.subList(start, Math.min(values.size(), start + LOOKUP_CHUNK));
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + IocRows.COLUMNS
                    + " FROM ioc WHERE type = ? AND value IN (" + placeholders(chunk.size()) + ")")) {
                statement.setString(1, type.apiName());
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 2, chunk.get(i));
                }
                for (StoredIoc stored : readAll(statement)) {
                    found.put(stored.value(), stored);
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            readers.close();
            writer.close();
            LOG.info("Closed SQLite store {}", file);
        } catch (SQLException e) {
            throw new StoreUnavailableException(String.format(Locale.ROOT,
                    "Failed to close SQLite database %s: %s", file, e.getMessage()), e);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** UUIDs as 16-byte big-endian blobs, which sort like PostgreSQL's {@code uuid} type. */
    private static final class BlobIds implements IocRows.IdColumn {
        @Override
        public void bind(PreparedStatement statement, int index, UUID id) throws SQLException {
            statement.setBytes(index, ByteBuffer.allocate(16)
                    .putLong(id.getMostSignificantBits())
                    .putLong(id.getLeastSignificantBits())
                    .array());
        }

        @Override
        public UUID read(ResultSet row, int index) throws SQLException {
            byte[] bytes = row.getBytes(index);
            if (bytes == null || bytes.length != 16) {
                throw new StoreUnavailableException(String.format(Locale.ROOT,
                        "A row has an invalid id in the database (expected 16 bytes, found %s); repair or delete "
                                + "the row.", bytes == null ? "null" : bytes.length + " bytes"));
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
    }
}
