package iocd.ingest;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Settings of an {@link Importer}.
 *
 * @param batchSize      IOCs merged per store transaction, at least 1
 * @param maxRejections  rejections kept with their reason in the report; the count covers all of them
 * @param progressEvery  values read between two progress calls; a call also comes once a second has passed
 * @param source         source name written into every IOC, or null for the format's own
 *                       ({@code threatfox}, {@code urlhaus}, {@code plain}, {@code csv}, {@code cisa-kev},
 *                       {@code stix}, {@code misp}, {@code feodotracker})
 * @param csvMapping     columns of CSV input
 */
public record ImportSettings(int batchSize, int maxRejections, int progressEvery, @Nullable String source,
        CsvMapping csvMapping) {

    /**
     * IOCs per merge transaction. Each commit writes every index page the batch touched, and new IOCs land on random
     * pages of the id and (type, value) indexes. With 10,000 a batch, a million IOCs imported into SQLite about
     * twice as fast as with 1,000 (bench/run.sh import sqlite 1M).
     */
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    public static final int DEFAULT_MAX_REJECTIONS = 100;
    public static final int DEFAULT_PROGRESS_EVERY = 10_000;

    /** Batches of 1000, 100 rejection reasons kept, progress every 10,000 values, automatic CSV columns. */
    public static final ImportSettings DEFAULTS = new ImportSettings(DEFAULT_BATCH_SIZE, DEFAULT_MAX_REJECTIONS,
            DEFAULT_PROGRESS_EVERY, null, CsvMapping.AUTO);

    public ImportSettings {
        requireAtLeast("batch size", batchSize, 1);
        requireAtLeast("maximum rejections kept", maxRejections, 0);
        requireAtLeast("progress interval", progressEvery, 1);
        if (source != null && source.isBlank()) {
            source = null;
        }
    }

    public ImportSettings withBatchSize(int size) {
        return new ImportSettings(size, maxRejections, progressEvery, source, csvMapping);
    }

    public ImportSettings withSource(@Nullable String name) {
        return new ImportSettings(batchSize, maxRejections, progressEvery, name, csvMapping);
    }

    public ImportSettings withCsvMapping(CsvMapping mapping) {
        return new ImportSettings(batchSize, maxRejections, progressEvery, source, mapping);
    }

    public ImportSettings withProgressEvery(int values) {
        return new ImportSettings(batchSize, maxRejections, values, source, csvMapping);
    }

    private static void requireAtLeast(String setting, int value, int minimum) {
        if (value < minimum) {
            throw new ImportException("invalid_setting",
                    String.format(Locale.ROOT, "%s must be at least %d, got %d", setting, minimum, value));
        }
    }
}
