package iocd.taxii;

import static iocd.taxii.TaxiiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.store.DateAddedQuery;
import iocd.store.StoredIoc;
import iocd.store.VersionFilter;
import iocd.store.Visibility;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paging property, checked over seeded random runs: whatever the batch sizes, shared {@code date_added} stamps, page
 * sizes, filters repeated or not, and merges committing in another thread while the client pages, every
 * (id, version) the filter admits at the end is served exactly once, and nothing is served twice.
 */
class TaxiiPagingTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String ALL = "/taxii2/api/collections/all/";
    private static final List<String> FILTERS = List.of("", "match[type]=indicator", "match[version]=all",
            "match[type]=indicator,vulnerability&match[version]=first,last", "match[spec_version]=2.1");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void paging_servesEveryVisibleVersionExactlyOnce(long seed) throws Exception {
        Random random = new Random(seed);
        try (TaxiiServer taxii = new TaxiiServer(Files.createDirectories(dir.resolve("run" + seed)),
                NOW.minus(Duration.ofHours(2)))) {
            for (int batches = 1 + random.nextInt(6); batches > 0; batches--) {
                merge(taxii, random);
            }
            String filter = FILTERS.get(random.nextInt(FILTERS.size()));
            Set<String> seen = poll(taxii, random, filter, 2 + random.nextInt(5));

            Set<String> expected = expected(taxii, filter);
            assertThat(seen).containsAll(expected);
            assertThat(expected).isNotEmpty();
        }
    }

    /**
     * Pages through the all collection while another thread merges one batch after each of the first pages. A
     * final page with {@code more: false} is only taken once every merge has committed: until then the client
     * repeats that request, which a self-contained token allows.
     */
    private Set<String> poll(TaxiiServer taxii, Random random, String filter, int concurrentMerges)
            throws Exception {
        Set<String> seen = new HashSet<>();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        List<Future<?>> merges = new ArrayList<>();
        Random writerRandom = new Random(random.nextLong());
        int limit = 1 + random.nextInt(40);
        String query = "?limit=" + limit + (filter.isEmpty() ? "" : "&" + filter);
        try {
            while (true) {
                // Read before the request: a merge that commits while the server builds this page is not in it,
                // so a last page only counts when every merge had finished before it was requested.
                boolean mergedBefore = merges.stream().allMatch(Future::isDone);
                HttpResponse<String> response = taxii.get(ALL + "objects/" + query, taxii.writer);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode page = json(response);
                boolean more = page.path("more").asBoolean(false);
                if (!more && !mergedBefore) {
                    for (Future<?> merge : merges) {
                        merge.get();
                    }
                    continue;
                }
                record(page, seen);
                if (!more) {
                    return seen;
                }
                assertThat(page.path("next").asText()).isNotEmpty();
                assertThat(page.path("objects").size()).isLessThanOrEqualTo(limit);
                if (merges.size() < concurrentMerges) {
                    merges.add(writer.submit(() -> merge(taxii, writerRandom)));
                }
                query = continuation(random, page.path("next").asText(), filter);
                if (query.contains("limit=")) {
                    limit = Integer.parseInt(query.replaceAll(".*limit=(\\d+).*", "$1"));
                }
            }
        } finally {
            writer.shutdown();
        }
    }

    private static String continuation(Random random, String next, String filter) {
        StringBuilder query = new StringBuilder("?next=").append(next);
        if (random.nextBoolean() && !filter.isEmpty()) {
            query.append('&').append(filter);
        }
        if (random.nextInt(3) == 0) {
            query.append("&limit=").append(1 + random.nextInt(60));
        }
        return query.toString();
    }

    private static void record(JsonNode page, Set<String> seen) {
        for (JsonNode object : page.path("objects")) {
            String key = object.path("id").asText() + "@" + object.path("modified").asText();
            assertThat(seen.add(key)).as("served twice: %s", key).isTrue();
        }
    }

    /**
     * Merges one batch: new values and values seen before with a changed confidence (a material change, so a new version).
     * Every version of the batch shares one date_added; the clock moves on only now and then, so several batches
     * share a stamp too.
     */
    private static void merge(TaxiiServer taxii, Random random) {
        List<Ioc> batch = new ArrayList<>();
        int size = 1 + random.nextInt(random.nextBoolean() ? 200 : 10);
        for (int i = 0; i < size; i++) {
            int n = random.nextInt(400);
            Ioc ioc = n % 5 == 0
                    ? Ioc.builder(IocType.CVE, String.format(Locale.ROOT, "CVE-2024-%05d", 10000 + n))
                            .confidence(random.nextInt(60)).build()
                    : Ioc.builder(IocType.IPV4, "198.51.100." + (n % 250)).confidence(random.nextInt(60))
                            .tags(List.of("t" + random.nextInt(3))).build();
            batch.add(ioc);
        }
        if (random.nextInt(3) == 0) {
            taxii.clock.advance(Duration.ofMillis(1 + random.nextInt(5)));
        }
        taxii.store.merge(batch);
    }

    /** Reads what the filter admits at the end from the store directly. */
    private static Set<String> expected(TaxiiServer taxii, String filter) {
        Set<IocType> types = filter.contains("match[type]=indicator,vulnerability") ? EnumSet.of(IocType.IPV4,
                IocType.CVE) : filter.contains("match[type]=indicator") ? EnumSet.of(IocType.IPV4) : Set.of();
        VersionFilter versions = filter.contains("version=all") ? VersionFilter.ALL
                : filter.contains("first,last") ? new VersionFilter(false, true, true, Set.of()) : VersionFilter.LAST;
        Set<String> expected = new HashSet<>();
        long afterSeq = 0;
        while (true) {
            List<StoredIoc> rows = taxii.store.listByDateAdded(new DateAddedQuery(types, Set.of(), null, afterSeq,
                    versions, Visibility.everything(70), 500));
            if (rows.isEmpty()) {
                return expected;
            }
            rows.forEach(row -> expected.add(row.stixId() + "@" + iocd.stix.Timestamps.stix(row.modified())));
            afterSeq = rows.get(rows.size() - 1).seq();
        }
    }
}
