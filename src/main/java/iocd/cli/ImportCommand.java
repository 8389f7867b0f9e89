package iocd.cli;

import iocd.ingest.CsvMapping;
import iocd.ingest.ImportReport;
import iocd.ingest.ImportSettings;
import iocd.ingest.Importer;
import iocd.ingest.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iocd import}: reads feed files into the store and prints a report per file. */
@Command(mixinStandardHelpOptions = true, name = "import", description = "Import IOCs from feed files. The format is detected from the content "
        + "unless --format is given.")
final class ImportCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Feed files to import.")
    List<Path> files;

    @Option(names = "--format", description = "threatfox, urlhaus, plain, csv, kev, stix, misp or feodo (default: detect).")
    String format;

    @Option(names = "--batch-size", defaultValue = "1000",
            description = "IOCs stored per transaction (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--source", description = "Source name recorded with every IOC (default: the format's name).")
    String source;

    @Option(names = "--csv-value", description = "CSV: column (header name or 1-based number) holding the value.")
    String csvValue;

    @Option(names = "--csv-type", description = "CSV: column holding the IOC type.")
    String csvType;

    @Option(names = "--csv-first-seen", description = "CSV: column holding the first-seen time.")
    String csvFirstSeen;

    @Option(names = "--csv-tags", description = "CSV: column holding tags.")
    String csvTags;

    @Option(names = "--csv-confidence", description = "CSV: column holding a confidence from 0 to 100.")
    String csvConfidence;

    @Option(names = "--csv-description", description = "CSV: column holding a description.")
    String csvDescription;

    @Option(names = "--csv-no-header", description = "CSV: the first row is data, not a header.")
    boolean csvNoHeader;

    @Override
    public Integer call() {
        CsvMapping mapping = new CsvMapping(csvValue, csvType, csvFirstSeen, csvTags, csvConfidence, csvDescription,
                csvNoHeader ? CsvMapping.Header.ABSENT : CsvMapping.Header.AUTO);
        ImportSettings settings = ImportSettings.DEFAULTS.withBatchSize(batchSize).withSource(source)
                .withCsvMapping(mapping);
        int failures = 0;
        try (Runtime runtime = Runtime.open(data.config())) {
            Importer importer = new Importer(runtime.store, settings);
            for (Path file : files) {
                ImportReport report = importer.importFile(file, format, progress(file));
                System.out.println(report.summary());
                if (!report.completed()) {
                    failures++;
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static ProgressListener progress(Path file) {
        return progress -> System.err.printf(Locale.ROOT,
                "%s: %,d read, %,d new, %,d updated, %,d unchanged, %,d rejected, %,d skipped (%.1f s)%n",
                file.getFileName(), progress.read(), progress.added(), progress.updated(), progress.unchanged(),
                progress.rejected(), progress.skipped(), progress.elapsed().toMillis() / 1000.0);
    }
}
