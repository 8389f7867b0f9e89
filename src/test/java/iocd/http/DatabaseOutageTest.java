package iocd.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import iocd.MutableClock;
import iocd.auth.Plan;
import iocd.cli.Main;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.store.PostgresStore;
import iocd.store.StoreUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The server over an embedded PostgreSQL that is stopped and started again while requests run: 503 with a JSON
 * body and {@code /readyz} not ready during the outage, recovery without a restart afterwards, and every
 * submission stored whole or not at all.
 */
class DatabaseOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 200;

    @Test
    void outage_answers503ThenRecovers(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        EmbeddedPostgres postgres = startPostgres(data, 0);
        int port = postgres.getPort();
        createDatabase(postgres);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/iocd";
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        try (PostgresStore store = PostgresStore.open(url, "postgres", "unused", clock, Duration.ofSeconds(1));
                TestServer server = new TestServer(store, clock, Plan.defaults(),
                        ServerLimits.withBodyLimit(8 << 20))) {
            String admin = server.keys.create("admin", "admin", Tlp.RED).secret();
            Map<String, String> headers = Map.of("Authorization", "Bearer " + admin, "Content-Type",
                    "application/json");
            assertThat(server.send("GET", "/readyz", Map.of(), null).statusCode()).isEqualTo(200);

            // Submissions keep running while the database goes away and comes back.
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<List<Integer>> statuses = writer.submit(() -> {
                List<Integer> seen = new ArrayList<>();
                for (int batch = 0; running.get() && batch < 200; batch++) {
                    seen.add(server.send("POST", "/api/v1/iocs", headers, batchBody(batch)).statusCode());
                }
                return seen;
            });
            waitForWrites(store);

            postgres.close();
            ListAppender<ILoggingEvent> log = captureServerLog();
            HttpResponse<String> search = server.get("/api/v1/iocs", admin);
            HttpResponse<String> ready = server.send("GET", "/readyz", Map.of(), null);
            HttpResponse<String> submit = server.send("POST", "/api/v1/iocs", headers,
                    "[{\"value\": \"203.0.113.99\"}]");
            String metrics = server.send("GET", "/metrics", Map.of(), null).body();

            assertThat(search.statusCode()).isEqualTo(503);
            assertThat(search.headers().firstValue("Retry-After")).isPresent();
            assertThat(JSON.readTree(search.body()).get("code").asText()).isEqualTo("store_unavailable");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(ready.body()).get("code").asText()).isEqualTo("not_ready");
            assertThat(submit.statusCode()).isEqualTo(503);
            assertThat(metrics).contains("iocd_store_up 0");
            serverLogger().detachAppender(log);
            List<ILoggingEvent> failures = log.list.stream()
                    .filter(event -> event.getFormattedMessage().startsWith("Store unavailable")).toList();
            assertThat(failures).hasSizeGreaterThanOrEqualTo(2);
            assertThat(failures).allMatch(event -> event.getLevel() == Level.ERROR);
            assertThat(failures).allMatch(event -> event.getThrowableProxy() == null);

            postgres = startPostgres(data, port);
            awaitReady(server);
            running.set(false);
            List<Integer> seen = statuses.get();
            writer.shutdown();

            assertThat(server.get("/api/v1/iocs", admin).statusCode()).isEqualTo(200);
            assertThat(seen).allMatch(status -> status == 200 || status == 503);
            assertThat(seen).contains(200);
            assertThat(store.find(IocType.IPV4, "203.0.113.99")).isEmpty();
            for (int batch = 0; batch < seen.size(); batch++) {
                long stored = storedOf(store, batch);
                if (seen.get(batch) == 200) {
                    assertThat(stored).as("batch %d answered 200", batch).isEqualTo(BATCH);
                } else {
                    // A commit whose acknowledgement was lost may be stored whole; never in part.
                    assertThat(stored).as("batch %d answered %d", batch, seen.get(batch)).isIn(0L, (long) BATCH);
                }
            }
        } finally {
            postgres.close();
        }
    }

    @Test
    void startup_databaseDownExitsWith1(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = Main.run("serve", "--data", dir.toString(), "--port", "0", "--db",
                    "jdbc:postgresql://127.0.0.1:" + closedPort + "/iocd");
        } finally {
            System.setErr(originalErr);
        }

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Failed to connect to PostgreSQL at")
                .contains("store_unavailable");
    }

    @Test
    void open_withDatabaseDownThrowsStoreUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        StoreUnavailableException failure = null;
        try {
            PostgresStore.open("jdbc:postgresql://127.0.0.1:" + closedPort + "/iocd", "iocd", "s3cret-password",
                    new MutableClock(Instant.EPOCH), Duration.ofSeconds(1)).close();
        } catch (StoreUnavailableException e) {
            failure = e;
        }

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("127.0.0.1:" + closedPort).doesNotContain("s3cret-password");
    }

    @Test
    void readyz_withSchemaGoneIsNotReady(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        try (iocd.store.SqliteStore store = iocd.store.SqliteStore.open(dir.resolve("iocd.db"), clock);
                TestServer server = new TestServer(store, clock, Plan.defaults(), ServerLimits.withBodyLimit(4096))) {
            assertThat(server.send("GET", "/readyz", Map.of(), null).statusCode()).isEqualTo(200);
            try (Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("iocd.db"));
                    Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM stamp_state");
            }

            HttpResponse<String> ready = server.send("GET", "/readyz", Map.of(), null);

            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(ready.body()).get("code").asText()).isEqualTo("not_ready");
            assertThat(server.send("GET", "/healthz", Map.of(), null).statusCode()).isEqualTo(200);
        }
    }

    private static EmbeddedPostgres startPostgres(Path data, int port) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data)
                .setCleanDataDirectory(false);
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /** Starts collecting the events that the server class logs at its configured level. */
    private static ListAppender<ILoggingEvent> captureServerLog() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        serverLogger().addAppender(appender);
        return appender;
    }

    private static Logger serverLogger() {
        return (Logger) LoggerFactory.getLogger(IocdServer.class);
    }

    private static void createDatabase(EmbeddedPostgres postgres) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE iocd");
        }
    }

    private static String batchBody(int batch) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < BATCH; i++) {
            body.append(i == 0 ? "" : ",").append("{\"value\": \"").append(value(batch, i)).append("\"}");
        }
        return body.append(']').toString();
    }

    private static String value(int batch, int index) {
        return "b" + batch + "-" + index + ".outage.example.com";
    }

    private static long storedOf(PostgresStore store, int batch) {
        long stored = 0;
        for (int i = 0; i < BATCH; i++) {
            if (store.find(IocType.DOMAIN, value(batch, i)).isPresent()) {
                stored++;
            }
        }
        return stored;
    }

    /** Waits until the writer has stored something, so the outage starts while writes are under way. */
    private static void waitForWrites(PostgresStore store) throws InterruptedException {
        for (int i = 0; i < 600 && store.count() < 2L * BATCH; i++) {
            Thread.sleep(50);
        }
    }

    private static void awaitReady(TestServer server) throws Exception {
        for (int i = 0; i < 120; i++) {
            if (server.send("GET", "/readyz", Map.of(), null).statusCode() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not become ready within 30 s of the database restart");
    }

    static JsonNode body(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
