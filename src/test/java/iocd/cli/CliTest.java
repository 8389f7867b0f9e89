package iocd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import iocd.auth.ApiKeys;
import iocd.auth.Plan;
import iocd.ioc.Tlp;
import iocd.store.ApiKeyRecord;
import iocd.store.SqliteStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line, run in-process on a real SQLite data folder, and on an embedded PostgreSQL for one import. */
class CliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "import", "export", "keys", "check-config"})
    void help_worksOnEverySubcommand(String command) {
        assertThat(Main.run(command, "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: iocd " + command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--idle-timeout=0", "--idle-timeout=-5", "--auth-failures-per-minute=0"})
    void serve_invalidLimitIsUsageError(String option) {
        Path data = dir.resolve("never-created");

        assertThat(Main.run("serve", "--data", data.toString(), option)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Invalid value for option '"
                + option.substring(0, option.indexOf('=')) + "'");
        assertThat(data).doesNotExist();
    }

    @Test
    void serve_portInUseFailsWithoutKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = Main.run("serve", "--demo", "--data", dir.toString(), "--host", "127.0.0.1", "--port",
                    Integer.toString(taken.getLocalPort()));

            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("[port_in_use]").doesNotContain("\tat ");
        }
        out.reset();
        assertThat(Main.run("keys", "list", "--data", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("demo");
    }

    @Test
    void serve_invalidHostFailsInOneLine() {
        int code = Main.run("serve", "--data", dir.toString(), "--host", "256.1.1.1", "--port", "0");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("[listen_failed]")
                .contains("does not resolve").doesNotContain("\tat ");
    }

    @Test
    void demoKey_revokesOnlyEarlierDemoKeys() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("keys.db"), Clock.systemUTC())) {
            ApiKeys keys = new ApiKeys(store, Plan.defaults(), Clock.systemUTC());
            String own = keys.create("admin", "demo", Tlp.RED).record().id();
            String first = ServeCommand.createDemoKey(keys);
            String second = ServeCommand.createDemoKey(keys);

            assertThat(keys.authenticate(first)).isEmpty();
            assertThat(keys.authenticate(second)).isPresent();
            assertThat(keys.list()).filteredOn(key -> key.id().equals(own)).allMatch(ApiKeyRecord::active);
        }
    }

    @Test
    void keys_dataOptionAfterSubcommand() {
        assertThat(Main.run("keys", "create", "--plan", "pro", "--name", "after", "--data", dir.toString()))
                .isZero();
        out.reset();

        assertThat(Main.run("keys", "list", "--data", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("after");
        assertThat(dir.resolve("iocd.db")).exists();
    }

    @Test
    void keysCreate_printsOnlyTheKeyOnStdout() {
        int code = Main.run("keys", "--data", dir.toString(), "create", "--plan", "pro", "--name", "ci");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("sk_live_[A-Za-z0-9_-]{43}\\R");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("plan pro");
    }

    @Test
    void keysList_neverShowsTheKey() {
        Main.run("keys", "--data", dir.toString(), "create", "--plan", "pro", "--name", "ci");
        String key = out.toString(StandardCharsets.UTF_8).strip();
        out.reset();

        assertThat(Main.run("keys", "--data", dir.toString(), "list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ci").doesNotContain(key);
    }

    @Test
    void keysCreate_unknownPlanFailsWithoutTrace() {
        int code = Main.run("keys", "--data", dir.toString(), "create", "--plan", "platinum", "--name", "x");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown plan 'platinum'").doesNotContain("\tat ");
    }

    @Test
    void import_nulDescriptionOnPostgresRejectsOneObject() throws Exception {
        StringBuilder objects = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            objects.append(i == 1 ? "" : ",").append(String.format(Locale.ROOT, """
                    {"type": "indicator", "spec_version": "2.1", "id": "indicator--00000000-0000-4000-8000-00000000000%d",
                     "created": "2026-05-01T00:00:00.000Z", "modified": "2026-05-01T00:00:00.000Z",
                     "pattern": "[domain-name:value = 'host%d.example.com']", "pattern_type": "stix",
                     "valid_from": "2026-05-01T00:00:00Z", "description": "%s"}""", i, i,
                    i == 4 ? "d\\u0000" : "ok"));
        }
        Path bundle = dir.resolve("bundle.json");
        Files.writeString(bundle, "{\"type\": \"bundle\", \"id\": \"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\", "
                + "\"objects\": [" + objects + "]}");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE iocd");
            }
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/iocd?user=postgres";

            int code = Main.run("import", "--db", url, bundle.toString());

            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("read 6, new 5, updated 0, unchanged 0, rejected 1")
                    .contains("'host4.example.com': description contains a NUL character (U+0000) at position 1; "
                            + "remove it");
            assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("store_unavailable");
        }
    }

    @Test
    void importThenExport_writesBundle() throws Exception {
        Path feed = dir.resolve("feed.txt");
        Files.writeString(feed, "# demo\n192.0.2.7\nevil.example.com\n44d88612fea8a8f36de82e1278abb02f\nnot an ioc\n");
        Path bundle = dir.resolve("out.json");

        assertThat(Main.run("import", "--data", dir.resolve("data").toString(), feed.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("new 3").contains("rejected 1");
        assertThat(Main.run("export", "--data", dir.resolve("data").toString(), "--out", bundle.toString()))
                .isZero();

        JsonNode json = new ObjectMapper().readTree(bundle.toFile());
        assertThat(json.get("type").asText()).isEqualTo("bundle");
        assertThat(json.get("objects")).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void export_missingFolderFailsWithoutTrace() {
        int code = Main.run("export", "--data", dir.toString(), "--out", dir.resolve("no/such/dir/x.json").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file or folder").doesNotContain("\tat ");
    }

    @Test
    void export_badTypeNamesAllowedValues() {
        int code = Main.run("export", "--data", dir.toString(), "--type", "ipv5");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'ipv5'").contains("mitre_attack");
    }
}
