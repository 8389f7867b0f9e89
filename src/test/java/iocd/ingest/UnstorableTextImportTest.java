package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import iocd.MutableClock;
import iocd.ioc.IocType;
import iocd.store.IocStore;
import iocd.store.PostgresStore;
import iocd.store.SqliteStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Imports, in every format, a record with a NUL character in its text, which PostgreSQL cannot store. On SQLite
 * and on an embedded PostgreSQL alike, that record is rejected with its reason and every other record is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnstorableTextImportTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    /** Six indicators; the third carries a NUL character in its description as a JSON escape. */
    private static final String STIX_BUNDLE = """
            {"type": "bundle", "id": "bundle--0c7a2d8e-6f43-4d0e-9b1a-2f5e3c4d5e60", "objects": [
              %s
            ]}""".formatted(String.join(",\n  ",
            indicator(1, "[domain-name:value = 'good1.example.com']", "first"),
            indicator(2, "[domain-name:value = 'good2.example.com']", "second"),
            indicator(3, "[domain-name:value = 'nul-desc.example.com']", "d\\u0000"),
            indicator(4, "[ipv4-addr:value = '192.0.2.4']", "fourth"),
            indicator(5, "[ipv4-addr:value = '198.51.100.5']", "fifth"),
            indicator(6, "[url:value = 'http://203.0.113.6/x']", "sixth")));

    private EmbeddedPostgres postgres;
    private final AtomicInteger databases = new AtomicInteger();
    private final List<IocStore> opened = new ArrayList<>();

    @TempDir
    Path folder;

    enum StoreKind { SQLITE, POSTGRESQL }

    @BeforeAll
    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(IocStore::close);
        opened.clear();
    }

    @AfterAll
    void stopPostgres() throws IOException {
        postgres.close();
    }

    private static String indicator(int n, String pattern, String description) {
        return String.format(Locale.ROOT, """
                {"type": "indicator", "spec_version": "2.1", "id": "indicator--00000000-0000-4000-8000-00000000000%d",
                 "created": "2026-05-01T00:00:00.000Z", "modified": "2026-05-01T00:00:00.000Z",
                 "pattern": "%s", "pattern_type": "stix", "valid_from": "2026-05-01T00:00:00Z",
                 "description": "%s"}""", n, pattern, description);
    }

    /** Opens an empty store of the given kind, which is closed after the test. */
    private IocStore openStore(StoreKind kind) {
        int number = databases.incrementAndGet();
        MutableClock clock = new MutableClock(NOW);
        IocStore store = switch (kind) {
            case SQLITE -> SqliteStore.open(folder.resolve("iocd-" + number + ".db"), clock);
            case POSTGRESQL -> PostgresStore.open(freshDatabase("iocd_text_" + number), "postgres", "unused",
                    clock);
        };
        opened.add(store);
        return store;
    }

    private String freshDatabase(String name) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("failed to create test database " + name, e);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name;
    }

    private static ImportReport importText(IocStore store, String format, String input) {
        return new Importer(store).importStream(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                format + " input", format, ProgressListener.NONE);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void stixBundle_rejectsOnlyNulDescription(StoreKind kind) {
        IocStore store = openStore(kind);

        ImportReport report = importText(store, "stix", STIX_BUNDLE);

        assertThat(report.completed()).isTrue();
        assertThat(report.read()).isEqualTo(6);
        assertThat(report.added()).isEqualTo(5);
        assertThat(report.rejected()).isEqualTo(1);
        Rejection rejection = report.rejections().get(0);
        assertThat(rejection.location()).contains("indicator--00000000-0000-4000-8000-000000000003");
        assertThat(rejection.value()).isEqualTo("nul-desc.example.com");
        assertThat(rejection.reason())
                .isEqualTo("description contains a NUL character (U+0000) at position 1; remove it");
        assertThat(store.count()).isEqualTo(5);
        assertThat(store.find(IocType.DOMAIN, "good2.example.com")).isPresent();
        assertThat(store.find(IocType.DOMAIN, "nul-desc.example.com")).isEmpty();
    }

    /** Per format: one good record, then one with a NUL character in a text field, and the field's name. */
    static Stream<Arguments> formats() {
        List<Arguments> cases = new ArrayList<>();
        String[][] inputs = {
            {"threatfox", """
                    {"1": [{"ioc_value": "good.example.com", "ioc_type": "domain", "threat_type": "botnet_cc",
                            "malware_printable": "ExampleRAT", "first_seen_utc": "2026-05-01 10:00:00"}],
                     "2": [{"ioc_value": "bad.example.com", "ioc_type": "domain", "threat_type": "botnet_cc",
                            "malware_printable": "ExampleRAT", "first_seen_utc": "2026-05-01 10:00:00",
                            "reference": "https://example.com/\\u0000"}]}""", "reference"},
            {"urlhaus", """
                    # id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter
                    "1","2026-05-01 10:00:00","http://good.example.com/a","online","","malware_download","elf","",""
                    "2","2026-05-01 10:00:00","http://bad.example.com/a","online","","malware_download","elf,m\0ips","",""
                    """, "tags[1]"},
            {"csv", "Indicator,Context\ngood.example.com,C2 server\nbad.example.com,C2\0 server\n", "description"},
            {"kev", """
                    {"vulnerabilities": [
                      {"cveID": "CVE-2025-0001", "shortDescription": "Path traversal.", "dateAdded": "2025-08-25"},
                      {"cveID": "CVE-2025-0002", "shortDescription": "Command\\u0000injection.",
                       "dateAdded": "2025-08-25"}]}""", "description"},
            {"misp", """
                    {"Event": {"info": "Example campaign", "date": "2026-05-01", "Attribute": [
                      {"type": "domain", "value": "good.example.com", "comment": "C2 domain"},
                      {"type": "domain", "value": "bad.example.com", "comment": "C2\\u0000domain"}]}}""",
                "description"},
            {"feodo", """
                    [{"ip_address": "192.0.2.10", "port": 443, "malware": "Emotet"},
                     {"ip_address": "192.0.2.11", "port": 443, "malware": "Emo\\u0000tet"}]""", "description"},
            {"plain", "good.example.com\nbad\0.example.com\n", "value"},
        };
        for (String[] input : inputs) {
            for (StoreKind kind : StoreKind.values()) {
                cases.add(Arguments.of(input[0], kind, input[1], input[2]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("formats")
    void format_rejectsRecordWithNul(String format, StoreKind kind, String input, String field) {
        IocStore store = openStore(kind);

        ImportReport report = importText(store, format, input);

        assertThat(report.completed()).isTrue();
        assertThat(report.added()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.rejections().get(0).reason()).startsWith(field + " contains a NUL character (U+0000)");
        assertThat(store.count()).isEqualTo(1);
    }
}
