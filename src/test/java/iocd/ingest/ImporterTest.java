package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.store.IocStore;
import iocd.store.SqliteStore;
import iocd.store.StoredIoc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
    @TempDir
    Path folder;

    private IocStore store;

    @BeforeEach
    void openStore() {
        store = SqliteStore.open(folder.resolve("iocd.db"), Clock.systemUTC());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void importFile_countsNewAndRejected() throws IOException {
        ImportReport report = new Importer(store).importFile(fixture("threatfox/export.json"), null,
                ProgressListener.NONE);

        assertThat(report.format()).isEqualTo(Format.THREATFOX);
        assertThat(report.read()).isEqualTo(8);
        assertThat(report.added()).isEqualTo(5);
        assertThat(report.updated()).isZero();
        assertThat(report.rejected()).isEqualTo(3);
        assertThat(report.completed()).isTrue();
        assertThat(store.count()).isEqualTo(5);
    }

    @Test
    void importFile_storesMappedFields() throws IOException {
        new Importer(store).importFile(fixture("threatfox/export.json"), null, ProgressListener.NONE);

        StoredIoc ip = store.find(IocType.IPV4, "192.0.2.10").orElseThrow();
        assertThat(ip.killChainPhases()).containsExactly("command-and-control");
        assertThat(ip.confidence()).isEqualTo(100);
    }

    @Test
    void secondImport_changesNothing() throws IOException {
        Importer importer = new Importer(store);
        for (String resource : List.of("threatfox/export.json", "urlhaus/online.csv", "plain/mixed.txt",
                "csv/named-columns.csv", "kev/catalog.json", "stix/bundle21.json", "misp/event.json")) {
            importer.importFile(fixture(resource), null, ProgressListener.NONE);
            long stored = store.count();

            ImportReport second = importer.importFile(fixture(resource), null, ProgressListener.NONE);

            assertThat(second.added()).as(resource).isZero();
            assertThat(second.updated()).as(resource).isZero();
            assertThat(second.unchanged()).as(resource).isPositive();
            assertThat(store.count()).as(resource).isEqualTo(stored);
        }
    }

    @Test
    void smallBatches_giveTheSameResult() throws IOException {
        ImportSettings settings = ImportSettings.DEFAULTS.withBatchSize(2);

        ImportReport report = new Importer(store, settings).importFile(fixture("plain/mixed.txt"), "plain",
                ProgressListener.NONE);

        assertThat(report.added()).isEqualTo(10);
        assertThat(store.count()).isEqualTo(10);
    }

    @Test
    void rejections_keptUpToLimit() throws IOException {
        StringBuilder text = new StringBuilder("192.0.2.1\n");
        for (int i = 0; i < 150; i++) {
            text.append("bad value ").append(i).append("!\n");
        }
        ImportReport report = new Importer(store).importStream(stream(text.toString()), "list.txt", "plain",
                ProgressListener.NONE);

        assertThat(report.rejected()).isEqualTo(150);
        assertThat(report.rejections()).hasSize(ImportSettings.DEFAULT_MAX_REJECTIONS);
        assertThat(report.rejections().get(0).location()).isEqualTo("line 2");
        assertThat(report.summary()).contains("rejected (first 100):", "line 2: 'bad': ");
    }

    @Test
    void rejections_escapeControlCharacters() throws IOException {
        ImportReport report = new Importer(store).importStream(stream("192.0.2.1\nbad\u0000value\u001b[31m\n"),
                "list.txt", "plain", ProgressListener.NONE);

        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.summary()).contains("'bad\\u0000value\\u001b[31m'").doesNotContain("\u0000", "\u001b");
    }

    @Test
    void truncatedJson_reportsFailureAndKeepsCompleteRecords() throws IOException {
        ImportReport report = new Importer(store).importFile(fixture("threatfox/truncated.json"), "threatfox",
                ProgressListener.NONE);

        assertThat(report.completed()).isFalse();
        assertThat(report.failure()).startsWith("invalid JSON at line");
        assertThat(report.added()).isEqualTo(1);
        assertThat(report.summary()).contains("stopped early: invalid JSON");
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void invalidUtf8Json_endsInReport() {
        byte[] bytes = "{\"9\": [{\"ioc_value\": \"caf\u00e9.example.com\", \"ioc_type\": \"domain\"}]}"
                .getBytes(StandardCharsets.ISO_8859_1);

        ImportReport report = new Importer(store).importStream(new ByteArrayInputStream(bytes), "bad.json", null,
                ProgressListener.NONE);

        assertThat(report.format()).isEqualTo(Format.THREATFOX);
        assertThat(report.failure()).contains("Invalid UTF-8");
        assertThat(store.count()).isZero();
    }

    @Test
    void importStream_leavesTheStreamOpen() throws IOException {
        var in = new java.io.FilterInputStream(stream("{\"type\": \"bundle\", \"objects\": []}")) {
            boolean closed;

            @Override
            public void close() throws IOException {
                closed = true;
                super.close();
            }
        };

        new Importer(store).importStream(in, "bundle.json", null, ProgressListener.NONE);

        assertThat(in.closed).isFalse();
    }

    @Test
    void unknownFormatName_isRejectedBeforeReading() {
        assertThatThrownBy(() -> new Importer(store).importFile(fixture("plain/mixed.txt"), "xlsx",
                ProgressListener.NONE))
                .isInstanceOf(ImportException.class)
                .hasMessage("unknown format 'xlsx'; use one of: threatfox, urlhaus, plain, csv, kev, stix, misp, feodo");
    }

    @Test
    void missingFile_namesThePath() {
        Path missing = folder.resolve("nope.csv");

        assertThatThrownBy(() -> new Importer(store).importFile(missing, null, ProgressListener.NONE))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("file not found: " + missing);
    }

    @Test
    void progress_isReportedAndEndsWithTheTotals() throws IOException {
        List<ImportProgress> calls = new ArrayList<>();
        ImportSettings settings = ImportSettings.DEFAULTS.withProgressEvery(3);

        ImportReport report = new Importer(store, settings).importFile(fixture("plain/mixed.txt"), null, calls::add);

        assertThat(calls).hasSizeGreaterThanOrEqualTo(4);
        ImportProgress last = calls.get(calls.size() - 1);
        assertThat(last.read()).isEqualTo(report.read());
        assertThat(last.added()).isEqualTo(report.added());
    }

    @Test
    void sourceSetting_replacesTheFormatsSource() {
        Ioc parsed = Ioc.builder(IocType.IPV4, "192.0.2.99").source("plain").confidence(60).build();

        Ioc renamed = StoreSink.withSource(parsed, "partner-feed");

        assertThat(renamed.source()).isEqualTo("partner-feed");
        assertThat(renamed.confidence()).isEqualTo(60);
    }

    @Test
    void counts_addUpToRead() throws IOException {
        ImportReport report = new Importer(store).importFile(fixture("stix/bundle21.json"), null,
                ProgressListener.NONE);

        assertThat(report.added() + report.updated() + report.unchanged() + report.rejected() + report.skipped())
                .isEqualTo(report.read());
        assertThat(report.skipped()).isEqualTo(2);
    }

    @Test
    void feodoCsvAndJson_storeTheSameIocs() throws IOException {
        Importer importer = new Importer(store);
        ImportReport json = importer.importFile(fixture("feodo/blocklist.json"), null, ProgressListener.NONE);
        List<StoredIoc> fromJson = storedFeodoIocs(store);

        ImportReport csv = importer.importFile(fixture("feodo/ipblocklist.csv"), null, ProgressListener.NONE);

        assertThat(json.added()).isEqualTo(4);
        assertThat(csv.format()).isEqualTo(Format.FEODO);
        assertThat(csv.added()).isZero();
        assertThat(csv.updated()).isZero();
        assertThat(csv.unchanged()).isEqualTo(4);
        try (IocStore other = SqliteStore.open(folder.resolve("csv-only.db"), Clock.systemUTC())) {
            new Importer(other).importFile(fixture("feodo/ipblocklist.csv"), null, ProgressListener.NONE);
            List<StoredIoc> fromCsv = storedFeodoIocs(other);

            assertThat(fromCsv).usingRecursiveFieldByFieldElementComparatorIgnoringFields(
                    "id", "created", "modified", "seq", "dateAdded").isEqualTo(fromJson);
        }
    }

    private static List<StoredIoc> storedFeodoIocs(IocStore target) {
        List<StoredIoc> found = new ArrayList<>();
        for (String address : List.of("192.0.2.10", "198.51.100.20", "198.51.100.21")) {
            found.add(target.find(IocType.IPV4, address).orElseThrow());
        }
        found.add(target.find(IocType.IPV6, "2001:db8::5").orElseThrow());
        return found;
    }

    @Test
    void badSettings_areRejected() {
        assertThatThrownBy(() -> ImportSettings.DEFAULTS.withBatchSize(0))
                .isInstanceOf(ImportException.class)
                .hasMessage("batch size must be at least 1, got 0");
    }

    private Path fixture(String resource) throws IOException {
        Path file = folder.resolve(resource.replace('/', '-'));
        try (InputStream in = getClass().getResourceAsStream("/ingest/" + resource)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
