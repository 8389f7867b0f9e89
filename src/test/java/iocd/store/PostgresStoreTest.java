package iocd.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresStoreTest extends IocStoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private String database;

    @BeforeAll
    static void startServer() throws IOException {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    /** Creates an empty database on the shared server and returns its JDBC URL. */
    static String freshDatabase(EmbeddedPostgres server, String name) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            throw new IllegalStateException("failed to create test database " + name, e);
        }
        return urlOf(server, name);
    }

    /** Builds a JDBC URL without the user parameter that {@code EmbeddedPostgres.getJdbcUrl} adds. */
    static String urlOf(EmbeddedPostgres server, String database) {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + database;
    }

    @Override
    IocStore openStore(TestClock clock) {
        database = "iocd_test_" + DATABASES.incrementAndGet();
        return PostgresStore.open(freshDatabase(server, database), "postgres", "unused-secret", clock);
    }

    @Override
    IocStore openPeer(TestClock clock) {
        return PostgresStore.open(urlOf(server, database), "postgres", "unused-secret", clock);
    }

    @Override
    boolean storesNulInText() {
        return false;
    }

    @Override
    void executeRaw(String sql) throws Exception {
        try (Connection connection = server.getDatabase("postgres", database).getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    @Test
    void open_twoNodesMigrateOneFreshDatabaseTogether() throws Exception {
        String url = freshDatabase(server, "iocd_two_nodes");
        ExecutorService starters = Executors.newFixedThreadPool(2);
        try {
            Future<PostgresStore> first = starters.submit(() -> PostgresStore.open(url, "postgres", "x", clock));
            Future<PostgresStore> second = starters.submit(() -> PostgresStore.open(url, "postgres", "x", clock));
            try (PostgresStore a = first.get(); PostgresStore b = second.get()) {
                a.merge(List.of(domain(1)));
                assertThat(b.count()).isEqualTo(1);
            }
        } finally {
            starters.shutdown();
        }
        try (Connection connection = server.getDatabase("postgres", "iocd_two_nodes").getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT count(*) FROM flyway_schema_history WHERE success AND version = '1'")) {
            row.next();
            assertThat(row.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void open_unreachableServerHidesPassword() {
        String url = "jdbc:postgresql://127.0.0.1:1/iocd?connectTimeout=2";

        assertThatThrownBy(() -> PostgresStore.open(url, "iocd", "s3cret-Pa55", Clock.systemUTC()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1/iocd")
                .hasMessageNotContaining("s3cret-Pa55");
    }

    @Test
    void open_unknownUserFailsWithoutPassword() {
        String url = urlOf(server, "postgres");

        assertThatThrownBy(() -> PostgresStore.open(url, "no_such_user", "s3cret-Pa55", Clock.systemUTC()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("no_such_user")
                .hasMessageNotContaining("s3cret-Pa55")
                .satisfies(error -> assertThat(error.getCause()).hasMessageNotContaining("s3cret-Pa55"));
    }

    @Test
    void open_passwordInUrlIsRejected() {
        assertThatThrownBy(() -> PostgresStore.open("jdbc:postgresql://127.0.0.1/iocd?password=s3cret", "iocd",
                "", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void merge_afterCloseFailsWithoutPassword() {
        store.close();

        assertThatThrownBy(() -> store.count())
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("count IOCs")
                .hasMessageNotContaining("unused-secret");
        store = openStore(clock);
    }
}
