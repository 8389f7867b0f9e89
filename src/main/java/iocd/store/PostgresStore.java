package iocd.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import iocd.ioc.IocType;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production store on PostgreSQL, safe to share between several iocd nodes. Every write transaction first
 * locks the single stamp-state row ({@code SELECT ... FOR UPDATE}), so writers on all nodes are serialised and
 * seq order equals commit order: a reader never skips a row because a lower seq committed late. Thread-safe.
 */
public final class PostgresStore extends JdbcStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
    private static final int POOL_SIZE = 10;
    private static final String MASK = "********";
    private static final int MAX_MESSAGE = 1_000;

    private final HikariDataSource pool;
    private final String location;
    private final String password;

    private PostgresStore(Clock clock, HikariDataSource pool, String location, String password) {
        super(clock, new IocRows(new NativeIds()));
        this.pool = pool;
        this.location = location;
        this.password = password;
    }

    /**
     * Connects, applies pending schema migrations under Flyway's PostgreSQL lock (so nodes starting together
     * migrate once), and returns the store.
     *
     * @param jdbcUrl  for example {@code jdbc:postgresql://127.0.0.1:5432/iocd}; must not contain the password
     * @param user     database user
     * @param password database password; never logged or put in an exception message
     * @param clock    source of stamps for new versions
     * @throws IllegalArgumentException  when the URL carries a password parameter
     * @throws StoreUnavailableException when the database cannot be reached or migrated
     */
    public static PostgresStore open(String jdbcUrl, String user, String password, Clock clock) {
        if (jdbcUrl.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("The PostgreSQL JDBC URL must not contain a password parameter, "
                    + "because URLs end up in logs; pass the password separately.");
        }
        String location = withoutQuery(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("iocd-postgres");
        config.setMaximumPoolSize(POOL_SIZE);
        // One INSERT statement per JDBC batch chunk instead of one round trip per row.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");

        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(String.format(Locale.ROOT,
                    "Failed to connect to PostgreSQL at %s as user %s: %s", location, user,
                    mask(messageChain(e), password)), maskedCopy(e, password));
        }
        try {
            migrate(pool, location, password);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        LOG.info("Opened PostgreSQL store {} as user {}", location, user);
        return new PostgresStore(clock, pool, location, password);
    }

    private static void migrate(HikariDataSource pool, String location, String password) {
        try {
            // Flyway holds a PostgreSQL advisory lock while it migrates, so concurrent starts apply each step once.
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration/postgresql")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreUnavailableException(String.format(Locale.ROOT,
                    "Failed to migrate the schema of PostgreSQL database %s: %s", location,
                    mask(messageChain(e), password)), maskedCopy(e, password));
        }
    }

    @Override
    <T> T read(String operation, SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    @Override
    <T> T write(String operation, SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
            return result;
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private StoreUnavailableException failure(String operation, SQLException e) {
        return new StoreUnavailableException(String.format(Locale.ROOT,
                "Failed to %s in PostgreSQL database %s (SQL state %s): %s", operation, location, e.getSQLState(),
                mask(messageChain(e), password)), maskedCopy(e, password));
    }

    /**
     * Copies a driver or pool exception with the password masked in its messages. The copy is chained in place of
     * the original because a logged stack trace prints every message in the chain.
     */
    private static SQLException maskedCopy(Throwable error, String password) {
        String sqlState = error instanceof SQLException sql ? sql.getSQLState() : null;
        SQLException copy = new SQLException(
                error.getClass().getName() + ": " + mask(messageChain(error), password), sqlState);
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    @Override
    String selectStampStateSql() {
        return "SELECT last_seq, last_stamp FROM stamp_state WHERE id = 1 FOR UPDATE";
    }

    @Override
    Map<String, StoredIoc> findExisting(Connection connection, IocType type, List<String> values)
            throws SQLException {
        Map<String, StoredIoc> found = new HashMap<>();
        Array array = connection.createArrayOf("text", values.toArray());
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + IocRows.COLUMNS + " FROM ioc WHERE type = ? AND value = ANY (?)")) {
            statement.setString(1, type.apiName());
            statement.setArray(2, array);
            for (StoredIoc stored : readAll(statement)) {
                found.put(stored.value(), stored);
            }
        } finally {
            array.free();
        }
        return found;
    }

    @Override
    public void close() {
        pool.close();
        LOG.info("Closed PostgreSQL store {}", location);
    }

    private static String withoutQuery(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    /**
     * Joins the messages of an exception and its causes, capped in length. A failed JDBC batch quotes its whole
     * statement, so its next exception's message, which is the database's own, is used instead.
     */
    private static String messageChain(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable current = error; current != null && current != current.getCause();
                current = current.getCause()) {
            String message = current.getMessage();
            if (current instanceof BatchUpdateException batch && batch.getNextException() != null) {
                message = batch.getNextException().getMessage();
            }
            if (message != null && !text.toString().contains(message)) {
                if (!text.isEmpty()) {
                    text.append("; caused by: ");
                }
                text.append(message);
            }
        }
        return text.length() <= MAX_MESSAGE ? text.toString() : text.substring(0, MAX_MESSAGE) + "...";
    }

    private static String mask(String text, String password) {
        return password.isEmpty() ? text : text.replace(password, MASK);
    }

    /** UUIDs in PostgreSQL's native {@code uuid} column type. */
    private static final class NativeIds implements IocRows.IdColumn {
        @Override
        public void bind(PreparedStatement statement, int index, UUID id) throws SQLException {
            statement.setObject(index, id);
        }

        @Override
        public UUID read(ResultSet row, int index) throws SQLException {
            return row.getObject(index, UUID.class);
        }
    }
}
