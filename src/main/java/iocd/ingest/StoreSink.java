package iocd.ingest;

import iocd.ioc.Ioc;
import iocd.store.IocStore;
import iocd.store.MergeResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Collects parsed IOCs into batches, merges each batch in one store call, and keeps the counts of one import. */
final class StoreSink implements IocSink {
    private static final long PROGRESS_NANOS = 1_000_000_000L;

    private final IocStore store;
    private final ImportSettings settings;
    private final ProgressListener progress;
    private final long started = System.nanoTime();
    private final List<Ioc> batch = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private long lastProgress = started;
    private long read;
    private long added;
    private long updated;
    private long unchanged;
    private long rejected;
    private long skipped;

    StoreSink(IocStore store, ImportSettings settings, ProgressListener progress) {
        this.store = store;
        this.settings = settings;
        this.progress = progress;
    }

    @Override
    public void accept(Ioc ioc) {
        batch.add(settings.source() == null ? ioc : withSource(ioc, settings.source()));
        if (batch.size() >= settings.batchSize()) {
            flush();
        }
        counted();
    }

    @Override
    public void reject(Rejection rejection) {
        rejected++;
        if (rejections.size() < settings.maxRejections()) {
            rejections.add(rejection);
        }
        counted();
    }

    @Override
    public void skip(String location, String kind) {
        skipped++;
        counted();
    }

    /** Merges what is left and sends the final progress call. */
    void finish() {
        flush();
        progress.progress(snapshot());
    }

    ImportReport report(String file, Format format, @Nullable String failure) {
        return new ImportReport(file, format, read, added, updated, unchanged, rejected, skipped, rejections,
                elapsed(), failure);
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        MergeResult result = store.merge(List.copyOf(batch));
        batch.clear();
        tally(result);
    }

    /**
     * Adds a batch's outcomes to the counts. The store reports a repeat of a new IOC within one batch as new
     * again, because the repeat amends the pending first version; it is counted as updated here, so that
     * {@code added} is the number of IOCs the import created.
     */
    private void tally(MergeResult result) {
        Set<String> created = new HashSet<>();
        for (MergeResult.Item item : result.outcomes()) {
            switch (item.outcome()) {
                case NEW -> {
                    if (created.add(item.current().type().apiName() + ' ' + item.current().value())) {
                        added++;
                    } else {
                        updated++;
                    }
                }
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
    }

    private void counted() {
        read++;
        long now = System.nanoTime();
        if (read % settings.progressEvery() == 0 || now - lastProgress >= PROGRESS_NANOS) {
            lastProgress = now;
            progress.progress(snapshot());
        }
    }

    private ImportProgress snapshot() {
        return new ImportProgress(read, added, updated, unchanged, rejected, skipped, elapsed());
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    static Ioc withSource(Ioc ioc, String source) {
        return new Ioc(ioc.type(), ioc.value(), ioc.name(), ioc.description(), ioc.confidence(), ioc.firstSeen(),
                ioc.lastSeen(), ioc.validUntil(), ioc.tags(), ioc.killChainPhases(), ioc.indicatorTypes(),
                ioc.sourceTlp(), ioc.reference(), source, ioc.revoked());
    }
}
