package iocd.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import iocd.IocdException;
import iocd.ioc.IocType;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;
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
    /**
     * Wait for a pooled connection before an operation fails. HikariCP's own default is 30 s, which would hold an
     * HTTP request that long during a database outage; 5 s lets it fail with 503 and the client retry.
     */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private final HikariDataSource pool;
    private final String location;
    private final @Nullable String password;

    private PostgresStore(Clock clock, HikariDataSource pool, String location, @Nullable String password) {
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
     * @param user     database user, or null for the driver default
     * @param password database password, or null when the server needs none; never logged or put in an exception message
     * @param clock    source of stamps for new versions
     * @throws IllegalArgumentException  when the URL carries a password parameter
     * @throws StoreUnavailableException when the database cannot be reached or migrated
     */
    public static PostgresStore open(String jdbcUrl, @Nullable String user, @Nullable String password, Clock clock) {
        return open(jdbcUrl, user, password, clock, DEFAULT_CONNECTION_TIMEOUT);
    }

    /**
     * Like {@link #open(String, String, String, Clock)}, with the longest wait for a pooled connection. While the
     * database is down every operation waits this long and then throws {@link StoreUnavailableException}.
     */
    public static PostgresStore open(String jdbcUrl, @Nullable String user, @Nullable String password, Clock clock,
            Duration connectionTimeout) {
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
        config.setConnectionTimeout(connectionTimeout.toMillis());
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

    private static void migrate(HikariDataSource pool, String location, @Nullable String password) {
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

    /**
     * Wraps a failed operation. A value the database rejected is the caller's error, and anything else makes the
     * store unavailable. The message of the former goes back to the client, so it leaves out the database location.
     */
    private IocdException failure(String operation, SQLException e) {
        String dataState = dataExceptionState(e);
        if (dataState != null) {
            return new InvalidDataException(String.format(Locale.ROOT,
                    "Failed to %s: PostgreSQL rejected a value as invalid (SQL state %s: %s). Remove or correct "
                            + "the value and send the request again.", operation, dataState,
                    firstLine(mask(messageChain(e), password))), maskedCopy(e, password));
        }
        return new StoreUnavailableException(String.format(Locale.ROOT,
                "Failed to %s in PostgreSQL database %s (SQL state %s): %s", operation, location, e.getSQLState(),
                mask(messageChain(e), password)), maskedCopy(e, password));
    }

    /**
     * Returns the SQL state when the database rejected a value of the statement rather than failed, or null. That is
     * SQL state class 22, which the SQL standard names "data exception". A failed JDBC batch can carry the
     * database's own error as its next exception.
     */
    private static @Nullable String dataExceptionState(SQLException error) {
        for (SQLException current = error; current != null; current = current.getNextException()) {
            String state = current.getSQLState();
            if (state != null && state.startsWith("22")) {
                return state;
            }
        }
        return null;
    }

    // PostgreSQL adds lines such as "Where: unnamed portal parameter $1" that mean nothing to a client.
    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * Copies a driver or pool exception with the password masked in its messages. The copy is chained in place of
     * the original because a logged stack trace prints every message in the chain.
     */
    private static SQLException maskedCopy(Throwable error, @Nullable String password) {
        String sqlState = error instanceof SQLException sql ? sql.getSQLState() : null;
        SQLException copy = new SQLException(
                error.getClass().getName() + ": " + mask(messageChain(error), password), sqlState);
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    @Override
    public boolean shared() {
        return true;
    }

    // One statement, so the row lock makes the refill and the take atomic across nodes. Every expression in
    // DO UPDATE reads the row as it was before this statement.
    private static final String TAKE_TOKEN_SQL = """
            INSERT INTO rate_limit AS r (bucket, tokens, updated_ms, last_allowed) VALUES (?, ? - 1, ?, true)
            ON CONFLICT (bucket) DO UPDATE SET
                tokens = LEAST(?, r.tokens + GREATEST(0, ? - r.updated_ms) * ?)
                    - CASE WHEN LEAST(?, r.tokens + GREATEST(0, ? - r.updated_ms) * ?) >= 1 THEN 1 ELSE 0 END,
                updated_ms = GREATEST(r.updated_ms, ?),
                last_allowed = LEAST(?, r.tokens + GREATEST(0, ? - r.updated_ms) * ?) >= 1
            RETURNING last_allowed, tokens""";

    @Override
    public RateBucket takeToken(String bucket, int capacity, double perMilli, long nowMillis) {
        return write("take a rate-limit token", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(TAKE_TOKEN_SQL)) {
                int index = 1;
                statement.setString(index++, bucket);
                statement.setDouble(index++, capacity);
                statement.setLong(index++, nowMillis);
                for (int repeat = 0; repeat < 2; repeat++) {
                    statement.setDouble(index++, capacity);
                    statement.setLong(index++, nowMillis);
                    statement.setDouble(index++, perMilli);
                }
                statement.setLong(index++, nowMillis);
                statement.setDouble(index++, capacity);
                statement.setLong(index++, nowMillis);
                statement.setDouble(index, perMilli);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return new RateBucket(row.getBoolean(1), row.getDouble(2));
                }
            }
        });
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

    private static String mask(String text, @Nullable String password) {
        // No password is configured when the server trusts the client or reads ~/.pgpass.
        return password == null || password.isEmpty() ? text : text.replace(password, MASK);
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
