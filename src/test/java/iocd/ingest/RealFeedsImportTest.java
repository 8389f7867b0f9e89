package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import iocd.TestData;
import iocd.store.IocStore;
import iocd.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports every supported public feed file under {@code IOCD_TEST_DATA} into a fresh SQLite store, with the format
 * detected from content. Skips when the folder is absent.
 */
class RealFeedsImportTest {
    /** Files of a format iocd does not read; they must fail cleanly with a message naming the formats. */
    private static final List<String> UNSUPPORTED = List.of();

    /** Highest share of rejected values per file, of all values read (skipped STIX objects included). */

    private static final double DEFAULT_MAX_REJECTED = 0.01;

    /**
     * Files whose rejections are expected: values that are no IOCs or are cut short by the publisher. Each
     * limit sits a little above the share measured on the files as published.
     */
    private static final Map<String, Double> MAX_REJECTED = Map.of(
            // three SHA-256 values shortened to "32f85cbf0fcd...d4c2" by the re-publisher
            "abusech-threatfox-defanged/threatfox.json", 0.10,
            // filename and pdb rows
            "withsecure-iocs/iocs.csv", 0.02,
            // e-mail attachment names in the indicator column
            "sekoia-iocs/2021-01-20_Emotet_Campaign.csv", 0.04,
            // attack-patterns without ATT&CK ids, x509 patterns joined by AND
            "oasis-stix21-examples/apt1.json", 0.15,
            // attack-patterns without ATT&CK ids, file:name patterns, a value with a space
            "oasis-stix21-examples/poisonivy.json", 0.05,
            // network-traffic patterns joined by AND
            "talos-stix20/darkgate-remote-template-injection.json", 0.02);

    @TempDir
    Path folder;

    @TestFactory
    Stream<DynamicTest> everyFeedFile_imports() throws IOException {
        assumeTrue(TestData.feeds().isPresent(), "IOCD_TEST_DATA not set; real feed files not available");
        Path feeds = TestData.feeds().get();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(feeds)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equalsIgnoreCase("README.md"))
                    .sorted()
                    .toList();
        }
        return files.stream().map(file -> {
            String name = feeds.relativize(file).toString().replace('\\', '/');
            return DynamicTest.dynamicTest(name, () -> check(file, name));
        });
    }

    private void check(Path file, String name) {
        Path database = folder.resolve(name.replace('/', '_') + ".db");
        ImportSettings settings = new ImportSettings(ImportSettings.DEFAULT_BATCH_SIZE, 5,
                ImportSettings.DEFAULT_PROGRESS_EVERY, null, CsvMapping.AUTO);
        try (IocStore store = SqliteStore.open(database, Clock.systemUTC())) {
            Importer importer = new Importer(store, settings);
            if (UNSUPPORTED.contains(name)) {
                assertThatThrownBy(() -> importer.importFile(file, null, ProgressListener.NONE))
                        .isInstanceOf(ImportException.class)
                        .hasMessageContaining("name the format");
                return;
            }
            ImportReport report = importer.importFile(file, null, ProgressListener.NONE);
            System.out.println(report.summary());

            assertThat(report.completed()).as(report.summary()).isTrue();
            assertThat(report.read()).as(name).isPositive();
            assertThat(report.added()).as(name).isPositive();
            double maxRejected = MAX_REJECTED.getOrDefault(name, DEFAULT_MAX_REJECTED);
            assertThat((double) report.rejected() / report.read()).as(report.summary()).isLessThanOrEqualTo(maxRejected);
            assertThat(store.count()).as(name).isEqualTo(report.added());

            ImportReport again = importer.importFile(file, null, ProgressListener.NONE);
            assertThat(again.added()).as("second import of " + name).isZero();
            assertThat(again.updated()).as("second import of " + name).isZero();
        }
    }
}
