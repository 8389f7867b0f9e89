package iocd.ingest;

import iocd.store.IocStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a feed into an {@link IocStore}: detects or takes the format, parses, and merges the IOCs in batches,
 * one store transaction per batch. Importing the same input twice stores nothing new the second time.
 *
 * <p>Errors split in two. A problem before reading starts (missing file, unknown format name, undetectable
 * format, UTF-16 input) throws {@link ImportException}. A problem in the input is part of the report. An unusable
 * value or record is a rejection and the import goes on. Input too broken to go on (truncated JSON, a read error)
 * ends the import with {@link ImportReport#failure()} set, after the IOCs read so far are merged. Store failures propagate
 * as the store throws them, and the batch being merged is then not stored.
 *
 * <p>Thread-safe when the store is: every import keeps its state in objects of its own.
 */
public final class Importer {
    private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

    private final IocStore store;
    private final ImportSettings settings;

    public Importer(IocStore store) {
        this(store, ImportSettings.DEFAULTS);
    }

    public Importer(IocStore store, ImportSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * Imports one file.
     *
     * @param file     the input
     * @param format   a {@link Format} name ({@code threatfox}, {@code csv}, ...), or null to detect it
     * @param progress receives progress while the import runs
     * @throws ImportException when the file cannot be opened or its format is unknown or undetectable
     */
    public ImportReport importFile(Path file, @Nullable String format, ProgressListener progress) {
        try (InputStream in = Files.newInputStream(file)) {
            return importStream(in, file.toString(), format, progress);
        } catch (NoSuchFileException e) {
            throw new ImportException("unreadable_input", "file not found: " + file + "; check the path", e);
        } catch (IOException e) {
            throw new ImportException("unreadable_input",
                    String.format(Locale.ROOT, "cannot read %s: %s", file, e.getMessage()), e);
        }
    }

    /**
     * Imports a stream, for example a request body. The stream is read to its end (or to the failure) but not
     * closed.
     *
     * @param name     name of the input in the report and log, for example a file name
     * @param format   a {@link Format} name, or null to detect it
     * @throws ImportException when the format is unknown or undetectable
     */
    public ImportReport importStream(InputStream in, String name, @Nullable String format, ProgressListener progress) {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        Format resolved = resolveFormat(buffered, name, format);
        ImportReport report;
        try (StoreSink sink = new StoreSink(store, settings, progress)) {
            String failure = null;
            try {
                parser(resolved).parse(buffered, sink);
            } catch (ImportException e) {
                failure = e.getMessage();
            } catch (IOException e) {
                failure = "reading failed: " + e.getMessage();
            }
            sink.finish();
            report = sink.report(name, resolved, failure);
        }
        log(report);
        return report;
    }

    private static Format resolveFormat(BufferedInputStream in, String name, @Nullable String format) {
        if (format != null) {
            checkEncoding(in, name);
            return Format.fromName(format).orElseThrow(() -> new ImportException("unknown_format",
                    String.format(Locale.ROOT, "unknown format '%s'; use one of: %s", format, Format.names())));
        }
        try {
            return FormatDetector.detect(in);
        } catch (IOException e) {
            throw new ImportException("unreadable_input",
                    String.format(Locale.ROOT, "cannot read %s: %s", name, e.getMessage()), e);
        }
    }

    private static void checkEncoding(BufferedInputStream in, String name) {
        try {
            in.mark(2);
            byte[] head = in.readNBytes(2);
            in.reset();
            FormatDetector.rejectUtf16(head);
        } catch (IOException e) {
            throw new ImportException("unreadable_input",
                    String.format(Locale.ROOT, "cannot read %s: %s", name, e.getMessage()), e);
        }
    }

    private FeedParser parser(Format format) {
        return switch (format) {
            case THREATFOX -> new ThreatFoxParser();
            case URLHAUS -> new UrlhausParser();
            case PLAIN -> new PlainListParser("plain");
            case CSV -> new CsvParser("csv", settings.csvMapping());
            case KEV -> new KevParser();
            case STIX -> new StixParser();
            case MISP -> new MispParser();
            case FEODO -> new FeodoParser();
        };
    }

    private static void log(ImportReport report) {
        if (report.completed()) {
            LOG.info("Imported {} ({}): read {}, new {}, updated {}, unchanged {}, rejected {}, skipped {} in {} ms",
                    report.file(), report.format().formatName(), report.read(), report.added(), report.updated(),
                    report.unchanged(), report.rejected(), report.skipped(), report.elapsed().toMillis());
        } else {
            LOG.warn("Import of {} ({}) stopped after {} values ({} new, {} updated): {}. Fix the input and import "
                    + "it again; what was stored stays and is not duplicated.", report.file(),
                    report.format().formatName(), report.read(), report.added(), report.updated(), report.failure());
        }
    }
}
