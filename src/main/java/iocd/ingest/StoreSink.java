package iocd.ingest;

import iocd.ioc.Ioc;
import iocd.store.IocStore;
import iocd.store.MergeResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Collects parsed IOCs into batches, merges each batch in one store call, and keeps the counts of one import.
 *
 * <p>Merges run on a thread of their own, one batch at a time, while the parser fills the next batch, so parsing
 * and the database work overlap on two cores. At most one batch is in flight: a flush waits for the previous merge
 * first, so memory stays at two batches and a failed merge stops the import at the next batch.
 */
final class StoreSink implements IocSink, AutoCloseable {
    private static final long PROGRESS_NANOS = 1_000_000_000L;

    private final IocStore store;
    private final ImportSettings settings;
    private final ProgressListener progress;
    private final long started = System.nanoTime();
    private final List<Ioc> batch = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final ExecutorService merger = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "iocd-import-merge");
        thread.setDaemon(true);
        return thread;
    });
    private @Nullable Future<MergeResult> pending;
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

    /** Merges what is left, waits for it, and sends the final progress call. */
    void finish() {
        flush();
        awaitPending();
        progress.progress(snapshot());
    }

    /** Stops the merge thread; a merge still running finishes first, so no batch is cut short. */
    @Override
    public void close() {
        merger.shutdown();
        try {
            if (!merger.awaitTermination(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the last import batch did not finish merging within 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ImportReport report(String file, Format format, @Nullable String failure) {
        return new ImportReport(file, format, read, added, updated, unchanged, rejected, skipped, rejections,
                elapsed(), failure);
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        awaitPending();
        List<Ioc> next = List.copyOf(batch);
        batch.clear();
        pending = merger.submit(() -> store.merge(next));
    }

    /** Waits for the batch in flight and counts it; its failure is rethrown as it was thrown. */
    private void awaitPending() {
        if (pending == null) {
            return;
        }
        Future<MergeResult> waiting = pending;
        pending = null;
        try {
            tally(waiting.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException("interrupted", "the import was interrupted while a batch was being stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("storing a batch failed", e.getCause());
        }
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
