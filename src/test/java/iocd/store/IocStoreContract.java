package iocd.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link IocStore} must show. Subclasses open a fresh, empty store per test on a real
 * database.
 */
abstract class IocStoreContract {
    static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
    static final Visibility EVERYTHING = Visibility.everything(70);

    protected final TestClock clock = new TestClock(START);
    protected IocStore store;

    /** Opens a fresh, empty store that takes its stamps from {@code clock}. */
    abstract IocStore openStore(TestClock clock);

    /** Runs a statement directly on the store's database, bypassing the store. */
    abstract void executeRaw(String sql) throws Exception;

    /** Opens a second store on the same database, as a second process or node would. */
    abstract IocStore openPeer(TestClock clock);

    /**
     * Whether the database keeps a NUL character in text. SQLite does. PostgreSQL rejects it with SQL state 22021,
     * which the store must report as {@link InvalidDataException}, not as an outage.
     */
    abstract boolean storesNulInText();

    @BeforeEach
    void openFreshStore() {
        store = openStore(clock);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static Ioc.Builder ipv4(String value) {
        return Ioc.builder(IocType.IPV4, value);
    }

    static Ioc domain(int n) {
        return Ioc.builder(IocType.DOMAIN, String.format(Locale.ROOT, "n%05d.example.com", n)).build();
    }

    StoredIoc mergeOne(Ioc ioc) {
        return store.merge(List.of(ioc)).outcomes().get(0).current();
    }

    MergeResult.Outcome outcomeOf(Ioc ioc) {
        return store.merge(List.of(ioc)).outcomes().get(0).outcome();
    }

    // Search

    private List<String> searchValues(Set<IocType> types, String value, boolean prefix, String tag) {
        return store.search(new SearchQuery(types, value, prefix, tag, Instant.EPOCH, null, EVERYTHING, 100))
                .stream().map(StoredIoc::value).toList();
    }

    @Test
    void search_exactValueWithoutType() {
        store.merge(List.of(ipv4("192.0.2.1").build(), ipv4("192.0.2.10").build(), domain(1)));

        assertThat(searchValues(Set.of(), "192.0.2.1", false, null)).containsExactly("192.0.2.1");
        assertThat(searchValues(Set.of(IocType.DOMAIN), "192.0.2.1", false, null)).isEmpty();
    }

    @Test
    void search_prefixIsCaseSensitiveAndLiteral() {
        store.merge(List.of(Ioc.builder(IocType.URL, "http://example.com/Path_%1").build(),
                Ioc.builder(IocType.URL, "http://example.com/path_x").build(),
                Ioc.builder(IocType.URL, "http://example.com/PathA").build()));

        assertThat(searchValues(Set.of(), "http://example.com/Path_%", true, null))
                .containsExactly("http://example.com/Path_%1");
        assertThat(searchValues(Set.of(IocType.URL), "http://example.com/", true, null)).hasSize(3);
    }

    @Test
    void search_tagMatchesWholeTagIgnoringCase() {
        store.merge(List.of(ipv4("192.0.2.1").tags(List.of("Emotet")).build(),
                ipv4("192.0.2.2").tags(List.of("emotet-loader")).build(),
                ipv4("192.0.2.3").tags(List.of("100%_evil")).build()));

        assertThat(searchValues(Set.of(), null, false, "emotet")).containsExactly("192.0.2.1");
        assertThat(searchValues(Set.of(), null, false, "100%_evil")).containsExactly("192.0.2.3");
        assertThat(searchValues(Set.of(), null, false, "100%")).isEmpty();
    }

    @Test
    void search_pagesWithCursor() {
        List<Ioc> batch = new ArrayList<>();
        for (int n = 0; n < 25; n++) {
            batch.add(domain(n));
        }
        store.merge(batch);

        Set<String> seen = new HashSet<>();
        ModifiedQuery.Cursor cursor = null;
        for (int page = 0; page < 10; page++) {
            List<StoredIoc> rows = store.search(new SearchQuery(Set.of(IocType.DOMAIN), "n0001", true, null,
                    Instant.EPOCH, cursor, EVERYTHING, 4));
            rows.forEach(row -> assertThat(seen.add(row.value())).isTrue());
            if (rows.size() < 4) {
                break;
            }
            cursor = new ModifiedQuery.Cursor(rows.get(3).modified(), rows.get(3).id());
        }
        assertThat(seen).hasSize(10);
    }

    // Merge

    @Test
    void merge_newIocIsVersionOne() {
        clock.set(Instant.parse("2026-05-01T10:00:00.123456789Z"));
        MergeResult result = store.merge(List.of(ipv4("198.51.100.7").confidence(80).build()));

        MergeResult.Item item = result.outcomes().get(0);
        assertThat(item.outcome()).isEqualTo(MergeResult.Outcome.NEW);
        StoredIoc stored = item.current();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.id().version()).isEqualTo(4);
        assertThat(stored.created()).isEqualTo(Instant.parse("2026-05-01T10:00:00.123Z"));
        assertThat(stored.modified()).isEqualTo(stored.created());
        assertThat(stored.dateAdded()).isEqualTo(stored.created());
        assertThat(stored.validFrom()).isEqualTo(stored.created());
        assertThat(stored.seq()).isEqualTo(1);
        assertThat(store.findById(stored.id())).contains(stored);
        assertThat(store.find(IocType.IPV4, "198.51.100.7")).contains(stored);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void merge_keepsEveryField() {
        Instant firstSeen = Instant.parse("2026-04-01T08:00:00Z");
        Ioc ioc = ipv4("198.51.100.8").name("C2 server").description("Observed on port 443").confidence(55)
                .firstSeen(firstSeen).lastSeen(Instant.parse("2026-04-02T08:00:00Z"))
                .validUntil(Instant.parse("2026-06-01T00:00:00Z")).tags(List.of("Emotet", "botnet"))
                .killChainPhases(List.of("command-and-control")).indicatorTypes(List.of("malicious-activity"))
                .sourceTlp(Tlp.AMBER).reference("https://example.com/report").source("threatfox").build();

        StoredIoc stored = mergeOne(ioc);

        assertThat(store.findById(stored.id())).contains(stored);
        assertThat(stored.name()).isEqualTo("C2 server");
        assertThat(stored.description()).isEqualTo("Observed on port 443");
        assertThat(stored.confidence()).isEqualTo(55);
        assertThat(stored.validFrom()).isEqualTo(firstSeen);
        assertThat(stored.lastSeen()).isEqualTo(Instant.parse("2026-04-02T08:00:00Z"));
        assertThat(stored.validUntil()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(stored.tags()).containsExactly("botnet", "Emotet");
        assertThat(stored.killChainPhases()).containsExactly("command-and-control");
        assertThat(stored.indicatorTypes()).containsExactly("malicious-activity");
        assertThat(stored.sourceTlp()).isEqualTo(Tlp.AMBER);
        assertThat(stored.reference()).isEqualTo("https://example.com/report");
        assertThat(stored.revoked()).isFalse();
    }

    @Test
    void merge_sameIocAgainIsUnchanged() {
        Ioc ioc = ipv4("198.51.100.9").confidence(80).tags(List.of("scanner")).build();
        StoredIoc first = mergeOne(ioc);
        clock.advance(Duration.ofMinutes(5));

        MergeResult again = store.merge(List.of(ioc));

        assertThat(again.outcomes().get(0).outcome()).isEqualTo(MergeResult.Outcome.UNCHANGED);
        assertThat(again.outcomes().get(0).current()).isEqualTo(first);
        assertThat(store.findById(first.id())).contains(first);
        assertThat(store.versions(first.id(), EVERYTHING)).hasSize(1);
    }

    @Test
    void merge_lastSeenAloneUpdatesInPlace() {
        StoredIoc first = mergeOne(ipv4("198.51.100.10").lastSeen(Instant.parse("2026-04-01T00:00:00Z")).build());
        clock.advance(Duration.ofMinutes(5));

        MergeResult result = store.merge(List.of(
                ipv4("198.51.100.10").lastSeen(Instant.parse("2026-04-20T00:00:00Z")).build()));

        assertThat(result.outcomes().get(0).outcome()).isEqualTo(MergeResult.Outcome.UNCHANGED);
        StoredIoc current = store.findById(first.id()).orElseThrow();
        assertThat(current.lastSeen()).isEqualTo(Instant.parse("2026-04-20T00:00:00Z"));
        assertThat(current.version()).isEqualTo(1);
        assertThat(current.seq()).isEqualTo(first.seq());
        assertThat(current.modified()).isEqualTo(first.modified());
        assertThat(result.outcomes().get(0).current()).isEqualTo(current);
        assertThat(store.versions(first.id(), EVERYTHING)).hasSize(1);
    }

    @Test
    void merge_olderLastSeenIsIgnored() {
        StoredIoc first = mergeOne(ipv4("198.51.100.11").lastSeen(Instant.parse("2026-04-20T00:00:00Z")).build());

        mergeOne(ipv4("198.51.100.11").lastSeen(Instant.parse("2026-04-01T00:00:00Z")).build());

        assertThat(store.findById(first.id()).orElseThrow().lastSeen())
                .isEqualTo(Instant.parse("2026-04-20T00:00:00Z"));
    }

    @Test
    void merge_materialChangeMakesNewVersion() {
        StoredIoc first = mergeOne(ipv4("198.51.100.12").confidence(50).build());
        clock.advance(Duration.ofSeconds(30));

        MergeResult result = store.merge(List.of(ipv4("198.51.100.12").confidence(90).build()));

        MergeResult.Item item = result.outcomes().get(0);
        assertThat(item.outcome()).isEqualTo(MergeResult.Outcome.UPDATED);
        StoredIoc second = item.current();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.confidence()).isEqualTo(90);
        assertThat(second.created()).isEqualTo(first.created());
        assertThat(second.modified()).isEqualTo(START.plusSeconds(30));
        assertThat(second.seq()).isGreaterThan(first.seq());
        assertThat(second.dateAdded()).isAfter(first.dateAdded());
        assertThat(store.findById(first.id())).contains(second);
        assertThat(store.versions(first.id(), EVERYTHING)).containsExactly(first, second);
    }

    @Test
    void merge_lowerConfidenceIsNotAChange() {
        mergeOne(ipv4("198.51.100.13").confidence(90).build());

        MergeResult.Item item = store.merge(List.of(ipv4("198.51.100.13").confidence(40).build())).outcomes().get(0);

        assertThat(item.outcome()).isEqualTo(MergeResult.Outcome.UNCHANGED);
        assertThat(item.current().confidence()).isEqualTo(90);
    }

    @Test
    void merge_unionsTagsIgnoringCase() {
        StoredIoc first = mergeOne(ipv4("198.51.100.14").tags(List.of("Emotet", "botnet")).build());

        MergeResult.Item same = store.merge(List.of(ipv4("198.51.100.14").tags(List.of("emotet", "BOTNET")).build()))
                .outcomes().get(0);
        MergeResult.Item more = store.merge(List.of(ipv4("198.51.100.14").tags(List.of("c2", "emotet")).build()))
                .outcomes().get(0);

        assertThat(same.outcome()).isEqualTo(MergeResult.Outcome.UNCHANGED);
        assertThat(more.outcome()).isEqualTo(MergeResult.Outcome.UPDATED);
        assertThat(store.findById(first.id()).orElseThrow().tags()).containsExactly("botnet", "c2", "Emotet");
    }

    @Test
    void merge_unionsKillChainPhasesAndIndicatorTypes() {
        mergeOne(ipv4("198.51.100.15").killChainPhases(List.of("execution"))
                .indicatorTypes(List.of("malicious-activity")).build());

        StoredIoc merged = mergeOne(ipv4("198.51.100.15").killChainPhases(List.of("command-and-control"))
                .indicatorTypes(List.of("anomalous-activity", "malicious-activity")).build());

        assertThat(merged.killChainPhases()).containsExactly("command-and-control", "execution");
        assertThat(merged.indicatorTypes()).containsExactly("anomalous-activity", "malicious-activity");
        assertThat(merged.version()).isEqualTo(2);
    }

    @Test
    void merge_widensTlpAndValidity() {
        mergeOne(ipv4("198.51.100.16").sourceTlp(Tlp.GREEN).firstSeen(Instant.parse("2026-04-10T00:00:00Z"))
                .validUntil(Instant.parse("2026-06-01T00:00:00Z")).build());

        StoredIoc merged = mergeOne(ipv4("198.51.100.16").sourceTlp(Tlp.CLEAR)
                .firstSeen(Instant.parse("2026-04-01T00:00:00Z"))
                .validUntil(Instant.parse("2026-05-15T00:00:00Z")).build());
        StoredIoc stricter = mergeOne(ipv4("198.51.100.16").sourceTlp(Tlp.AMBER).build());

        assertThat(merged.sourceTlp()).isEqualTo(Tlp.GREEN);
        assertThat(merged.validFrom()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(merged.validUntil()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(stricter.sourceTlp()).isEqualTo(Tlp.AMBER);
    }

    @Test
    void merge_keepsStoredTextAndFillsMissing() {
        mergeOne(ipv4("198.51.100.17").name("first name").build());

        StoredIoc merged = mergeOne(ipv4("198.51.100.17").name("second name").description("added later")
                .reference("https://example.org/r").build());

        assertThat(merged.name()).isEqualTo("first name");
        assertThat(merged.description()).isEqualTo("added later");
        assertThat(merged.reference()).isEqualTo("https://example.org/r");
    }

    @Test
    void merge_dropsValidUntilNotAfterValidFrom() {
        Instant firstSeen = Instant.parse("2026-04-10T00:00:00Z");

        StoredIoc equal = mergeOne(ipv4("198.51.100.18").firstSeen(firstSeen).validUntil(firstSeen).build());
        StoredIoc before = mergeOne(ipv4("198.51.100.19").firstSeen(firstSeen)
                .validUntil(firstSeen.minusSeconds(1)).build());
        StoredIoc sameMillisecond = mergeOne(ipv4("198.51.100.20").firstSeen(firstSeen)
                .validUntil(firstSeen.plusNanos(400_000)).build());

        assertThat(equal.validUntil()).isNull();
        assertThat(before.validUntil()).isNull();
        assertThat(sameMillisecond.validUntil()).isNull();
    }

    @Test
    void merge_duplicatesInOneBatchMakeOneVersion() {
        MergeResult result = store.merge(List.of(
                ipv4("198.51.100.21").confidence(40).tags(List.of("a")).build(),
                ipv4("198.51.100.21").confidence(60).tags(List.of("b")).build(),
                ipv4("198.51.100.21").confidence(50).build()));

        assertThat(result.outcomes()).extracting(MergeResult.Item::outcome).containsExactly(
                MergeResult.Outcome.NEW, MergeResult.Outcome.NEW, MergeResult.Outcome.UNCHANGED);
        StoredIoc stored = store.find(IocType.IPV4, "198.51.100.21").orElseThrow();
        assertThat(result.outcomes()).extracting(MergeResult.Item::current).containsOnly(stored);
        assertThat(stored.confidence()).isEqualTo(60);
        assertThat(stored.tags()).containsExactly("a", "b");
        assertThat(stored.version()).isEqualTo(1);
        assertThat(store.versions(stored.id(), EVERYTHING)).containsExactly(stored);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void merge_storedDuplicatesMakeOneVersion() {
        StoredIoc first = mergeOne(ipv4("198.51.100.22").confidence(10).build());
        clock.advance(Duration.ofSeconds(1));

        MergeResult result = store.merge(List.of(ipv4("198.51.100.22").confidence(20).build(),
                ipv4("198.51.100.22").confidence(30).build()));

        assertThat(result.outcomes()).extracting(MergeResult.Item::outcome)
                .containsExactly(MergeResult.Outcome.UPDATED, MergeResult.Outcome.UPDATED);
        assertThat(store.versions(first.id(), EVERYTHING)).extracting(StoredIoc::confidence).containsExactly(10, 30);
    }

    @Test
    void merge_batchSharesOneStampWithAscendingSeq() {
        MergeResult result = store.merge(List.of(domain(1), domain(2), domain(3)));

        List<StoredIoc> stored = result.outcomes().stream().map(MergeResult.Item::current).toList();
        assertThat(stored).extracting(StoredIoc::dateAdded).containsOnly(START);
        assertThat(stored).extracting(StoredIoc::seq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void merge_stampsStrictlyIncreaseWhileClockStandsStill() {
        StoredIoc first = mergeOne(domain(1));
        StoredIoc second = mergeOne(domain(2));
        clock.set(START.minusSeconds(60));
        StoredIoc third = mergeOne(domain(3));

        assertThat(second.modified()).isEqualTo(first.modified().plusMillis(1));
        assertThat(third.modified()).isEqualTo(second.modified().plusMillis(1));
        assertThat(third.seq()).isEqualTo(3);
    }

    @Test
    void merge_unchangedBatchHandsOutNoSeq() {
        mergeOne(domain(1));
        store.merge(List.of(domain(1)));

        assertThat(mergeOne(domain(2)).seq()).isEqualTo(2);
    }

    @Test
    void merge_emptyBatchIsEmptyResult() {
        assertThat(store.merge(List.of()).outcomes()).isEmpty();
    }

    @Test
    void merge_revokedInputRevokes() {
        StoredIoc first = mergeOne(ipv4("198.51.100.23").build());

        MergeResult.Item item = store.merge(List.of(ipv4("198.51.100.23").revoked(true).build())).outcomes().get(0);

        assertThat(item.outcome()).isEqualTo(MergeResult.Outcome.UPDATED);
        assertThat(item.current().revoked()).isTrue();
        assertThat(item.current().version()).isEqualTo(2);
        assertThat(store.findById(first.id()).orElseThrow().revoked()).isTrue();
    }

    @Test
    void merge_revokedIocStaysRevokedWhenReportedAgain() {
        StoredIoc first = mergeOne(ipv4("198.51.100.24").revoked(true).build());

        MergeResult.Item item = store.merge(List.of(ipv4("198.51.100.24").confidence(90)
                .lastSeen(Instant.parse("2026-04-30T00:00:00Z")).build())).outcomes().get(0);

        assertThat(item.outcome()).isEqualTo(MergeResult.Outcome.UNCHANGED);
        assertThat(item.current().revoked()).isTrue();
        assertThat(item.current().confidence()).isNull();
        assertThat(item.current().lastSeen()).isEqualTo(Instant.parse("2026-04-30T00:00:00Z"));
        assertThat(store.versions(first.id(), EVERYTHING)).hasSize(1);
    }

    // Merge under a writer's TLP clearance

    static final Visibility AMBER_WRITER = new Visibility(Instant.EPOCH, Tlp.AMBER, 70);

    @Test
    void mergeAsWriter_rejectsChangeAboveClearance() {
        StoredIoc red = mergeOne(ipv4("203.0.113.1").sourceTlp(Tlp.RED).build());
        clock.advance(Duration.ofMinutes(1));

        MergeResult.Item item = store.merge(List.of(ipv4("203.0.113.1").description("overwritten").revoked(true)
                .build()), AMBER_WRITER).outcomes().get(0);

        assertThat(item.outcome()).isEqualTo(MergeResult.Outcome.REJECTED);
        assertThat(item.current()).isNull();
        assertThat(item.reason()).contains("cannot be changed").contains("TLP:AMBER");
        assertThat(item.reason()).doesNotContain(red.id().toString()).doesNotContain("version");
        assertThat(store.findById(red.id())).contains(red);
        assertThat(store.versions(red.id(), EVERYTHING)).containsExactly(red);
    }

    @Test
    void mergeAsWriter_rejectsGreenForClearWriter() {
        StoredIoc green = mergeOne(ipv4("203.0.113.2").confidence(90).build());
        Visibility clearWriter = new Visibility(Instant.EPOCH, Tlp.CLEAR, 70);

        MergeResult.Item item = store.merge(List.of(ipv4("203.0.113.2").tags(List.of("scanner")).build()),
                clearWriter).outcomes().get(0);

        assertThat(item.outcome()).isEqualTo(MergeResult.Outcome.REJECTED);
        assertThat(store.findById(green.id())).contains(green);
    }

    @Test
    void mergeAsWriter_updatesIocWithinClearance() {
        StoredIoc amber = mergeOne(ipv4("203.0.113.3").sourceTlp(Tlp.AMBER).build());
        clock.advance(Duration.ofMinutes(1));

        MergeResult.Item item = store.merge(List.of(ipv4("203.0.113.3").description("seen again").build()),
                AMBER_WRITER).outcomes().get(0);

        assertThat(item.outcome()).isEqualTo(MergeResult.Outcome.UPDATED);
        assertThat(item.reason()).isNull();
        assertThat(item.current().id()).isEqualTo(amber.id());
        assertThat(item.current().version()).isEqualTo(2);
        assertThat(store.findById(amber.id()).orElseThrow().description()).isEqualTo("seen again");
    }

    @Test
    void mergeAsWriter_rejectsMarkingAboveClearance() {
        StoredIoc amber = mergeOne(ipv4("203.0.113.4").sourceTlp(Tlp.AMBER).build());

        MergeResult result = store.merge(List.of(ipv4("203.0.113.4").sourceTlp(Tlp.RED).build(),
                ipv4("203.0.113.5").sourceTlp(Tlp.RED).build()), AMBER_WRITER);

        assertThat(result.outcomes()).extracting(MergeResult.Item::outcome)
                .containsExactly(MergeResult.Outcome.REJECTED, MergeResult.Outcome.REJECTED);
        assertThat(result.outcomes().get(0).reason()).contains("TLP:RED").contains("TLP:AMBER");
        assertThat(result.outcomes().get(1).reason()).isEqualTo(result.outcomes().get(0).reason());
        assertThat(store.findById(amber.id())).contains(amber);
        assertThat(store.find(IocType.IPV4, "203.0.113.5")).isEmpty();
    }

    @Test
    void mergeAsWriter_groupIsRejectedWhole() {
        StoredIoc red = mergeOne(ipv4("203.0.113.9").sourceTlp(Tlp.RED).build());
        clock.advance(Duration.ofMinutes(1));

        MergeResult result = store.merge(List.of(ipv4("203.0.113.10").build(), ipv4("203.0.113.9").build(),
                ipv4("203.0.113.11").build()), List.of(1, 1, 2), AMBER_WRITER);

        assertThat(result.outcomes()).extracting(MergeResult.Item::outcome).containsExactly(
                MergeResult.Outcome.REJECTED, MergeResult.Outcome.REJECTED, MergeResult.Outcome.NEW);
        assertThat(result.outcomes().get(0).reason()).contains("another value of the same object");
        assertThat(store.find(IocType.IPV4, "203.0.113.10")).isEmpty();
        assertThat(store.findById(red.id())).contains(red);
        assertThat(store.find(IocType.IPV4, "203.0.113.11")).isPresent();
    }

    @Test
    void mergeAsWriter_mixedBatchStoresAllowedItems() {
        StoredIoc red = mergeOne(ipv4("203.0.113.6").sourceTlp(Tlp.RED).build());
        StoredIoc amber = mergeOne(ipv4("203.0.113.7").sourceTlp(Tlp.AMBER).build());
        clock.advance(Duration.ofMinutes(1));

        MergeResult result = store.merge(List.of(ipv4("203.0.113.6").confidence(95).build(),
                ipv4("203.0.113.8").build(), ipv4("203.0.113.7").confidence(95).build(),
                ipv4("203.0.113.6").revoked(true).build()), AMBER_WRITER);

        assertThat(result.outcomes()).extracting(MergeResult.Item::outcome).containsExactly(
                MergeResult.Outcome.REJECTED, MergeResult.Outcome.NEW, MergeResult.Outcome.UPDATED,
                MergeResult.Outcome.REJECTED);
        assertThat(store.findById(red.id())).contains(red);
        assertThat(store.find(IocType.IPV4, "203.0.113.8")).isPresent();
        assertThat(store.findById(amber.id()).orElseThrow().confidence()).isEqualTo(95);
        assertThat(store.count()).isEqualTo(3);
    }

    @Test
    void mergeAsWriter_ignoresLookback() {
        StoredIoc old = mergeOne(ipv4("203.0.113.9").build());
        clock.advance(Duration.ofDays(400));
        Visibility shortLookback = new Visibility(clock.instant().minus(Duration.ofDays(30)), Tlp.AMBER, 70);

        MergeResult.Item item = store.merge(List.of(ipv4("203.0.113.9").tags(List.of("c2")).build()),
                shortLookback).outcomes().get(0);

        assertThat(item.outcome()).isEqualTo(MergeResult.Outcome.UPDATED);
        assertThat(item.current().id()).isEqualTo(old.id());
    }

    @Test
    void mergeAsWriter_redClearanceChangesRedIoc() {
        StoredIoc red = mergeOne(ipv4("203.0.113.10").sourceTlp(Tlp.RED).build());

        MergeResult.Item item = store.merge(List.of(ipv4("203.0.113.10").revoked(true).build()),
                Visibility.everything(70)).outcomes().get(0);

        assertThat(item.outcome()).isEqualTo(MergeResult.Outcome.UPDATED);
        assertThat(store.findById(red.id()).orElseThrow().revoked()).isTrue();
    }

    // Revoke

    @Test
    void revokeAsWriter_aboveClearanceRevokesNothing() {
        StoredIoc red = mergeOne(ipv4("203.0.113.11").sourceTlp(Tlp.RED).build());

        assertThat(store.revoke(red.id(), AMBER_WRITER)).isEmpty();
        assertThat(store.findById(red.id())).contains(red);
    }

    @Test
    void revokeAsWriter_withinClearanceRevokes() {
        StoredIoc amber = mergeOne(ipv4("203.0.113.12").sourceTlp(Tlp.AMBER).build());

        StoredIoc revoked = store.revoke(amber.id(), AMBER_WRITER).orElseThrow();

        assertThat(revoked.revoked()).isTrue();
        assertThat(revoked.version()).isEqualTo(2);
    }

    @Test
    void revoke_writesRevokedVersion() {
        StoredIoc first = mergeOne(ipv4("198.51.100.25").confidence(80).build());
        clock.advance(Duration.ofSeconds(10));

        StoredIoc revoked = store.revoke(first.id()).orElseThrow();

        assertThat(revoked.revoked()).isTrue();
        assertThat(revoked.version()).isEqualTo(2);
        assertThat(revoked.modified()).isEqualTo(START.plusSeconds(10));
        assertThat(revoked.seq()).isEqualTo(first.seq() + 1);
        assertThat(revoked.confidence()).isEqualTo(80);
        assertThat(store.findById(first.id())).contains(revoked);
        assertThat(store.versions(first.id(), EVERYTHING)).containsExactly(first, revoked);
    }

    @Test
    void revoke_isIdempotent() {
        StoredIoc first = mergeOne(ipv4("198.51.100.26").build());
        StoredIoc revoked = store.revoke(first.id()).orElseThrow();

        assertThat(store.revoke(first.id())).contains(revoked);
        assertThat(store.versions(first.id(), EVERYTHING)).hasSize(2);
    }

    @Test
    void revoke_unknownIdIsEmpty() {
        assertThat(store.revoke(UUID.randomUUID())).isEmpty();
    }

    // Listing by modified

    @Test
    void listByModified_pagesWithCursor() {
        for (int i = 0; i < 5; i++) {
            store.merge(List.of(domain(i * 2), domain(i * 2 + 1)));
        }

        List<StoredIoc> walked = new ArrayList<>();
        ModifiedQuery.Cursor cursor = null;
        while (true) {
            List<StoredIoc> page = store.listByModified(new ModifiedQuery(Set.of(), Instant.EPOCH, cursor,
                    EVERYTHING, 3));
            if (page.isEmpty()) {
                break;
            }
            walked.addAll(page);
            StoredIoc last = page.get(page.size() - 1);
            cursor = new ModifiedQuery.Cursor(last.modified(), last.id());
        }

        assertThat(walked).hasSize(10);
        assertThat(walked).isSortedAccordingTo((a, b) -> a.modified().compareTo(b.modified()) != 0
                ? a.modified().compareTo(b.modified()) : a.id().toString().compareTo(b.id().toString()));
        assertThat(walked).extracting(StoredIoc::id).doesNotHaveDuplicates();
    }

    @Test
    void listByModified_filtersTypeAndSince() {
        mergeOne(domain(1));
        clock.advance(Duration.ofHours(1));
        mergeOne(ipv4("198.51.100.30").build());
        mergeOne(domain(2));

        List<StoredIoc> domains = store.listByModified(new ModifiedQuery(Set.of(IocType.DOMAIN), Instant.EPOCH,
                null, EVERYTHING, 10));
        List<StoredIoc> recent = store.listByModified(new ModifiedQuery(Set.of(), START.plusSeconds(60), null,
                EVERYTHING, 10));

        assertThat(domains).extracting(StoredIoc::value)
                .containsExactly("n00001.example.com", "n00002.example.com");
        assertThat(recent).extracting(StoredIoc::value).containsExactly("198.51.100.30", "n00002.example.com");
    }

    @Test
    void listByModified_updatedIocMovesToEnd() {
        mergeOne(domain(1));
        mergeOne(domain(2));
        store.merge(List.of(Ioc.builder(IocType.DOMAIN, "n00001.example.com").confidence(50).build()));

        List<StoredIoc> listed = store.listByModified(new ModifiedQuery(Set.of(), Instant.EPOCH, null,
                EVERYTHING, 10));

        assertThat(listed).extracting(StoredIoc::value).containsExactly("n00002.example.com", "n00001.example.com");
    }

    @Test
    void listByModified_appliesLookback() {
        mergeOne(domain(1));
        clock.advance(Duration.ofDays(10));
        mergeOne(domain(2));
        Visibility lastWeek = new Visibility(START.plus(Duration.ofDays(3)), Tlp.RED, 70);

        List<StoredIoc> listed = store.listByModified(new ModifiedQuery(Set.of(), Instant.EPOCH, null, lastWeek, 10));

        assertThat(listed).extracting(StoredIoc::value).containsExactly("n00002.example.com");
    }

    @Test
    void listByModified_appliesTlpClearance() {
        mergeOne(ipv4("198.51.100.40").build());
        mergeOne(ipv4("198.51.100.41").confidence(69).build());
        mergeOne(ipv4("198.51.100.42").confidence(70).build());
        mergeOne(ipv4("198.51.100.43").sourceTlp(Tlp.AMBER).build());
        mergeOne(ipv4("198.51.100.44").sourceTlp(Tlp.RED).confidence(10).build());
        mergeOne(ipv4("198.51.100.45").sourceTlp(Tlp.CLEAR).confidence(95).build());

        assertThat(valuesVisibleAt(Tlp.CLEAR)).containsExactly("198.51.100.40", "198.51.100.41");
        assertThat(valuesVisibleAt(Tlp.GREEN)).containsExactly("198.51.100.40", "198.51.100.41", "198.51.100.42",
                "198.51.100.45");
        assertThat(valuesVisibleAt(Tlp.AMBER_STRICT)).containsExactly("198.51.100.40", "198.51.100.41",
                "198.51.100.42", "198.51.100.43", "198.51.100.45");
        assertThat(valuesVisibleAt(Tlp.RED)).hasSize(6);
    }

    private List<String> valuesVisibleAt(Tlp clearance) {
        Visibility visibility = new Visibility(Instant.EPOCH, clearance, 70);
        List<StoredIoc> listed = store.listByModified(new ModifiedQuery(Set.of(), Instant.EPOCH, null, visibility,
                100));
        assertThat(listed).allMatch(visibility::allows);
        return listed.stream().map(StoredIoc::value).toList();
    }

    // Listing by date added

    private DateAddedQuery byDateAdded(VersionFilter filter, long afterSeq, int limit) {
        return new DateAddedQuery(Set.of(), Set.of(), null, afterSeq, filter, EVERYTHING, limit);
    }

    /** Three IOCs; the first has three versions (confidence 10, 20, 30), the others one. Returns the first's id. */
    private UUID storeHistory() {
        UUID id = mergeOne(ipv4("198.51.100.50").confidence(10).build()).id();
        mergeOne(ipv4("198.51.100.51").build());
        clock.advance(Duration.ofSeconds(1));
        mergeOne(ipv4("198.51.100.50").confidence(20).build());
        mergeOne(ipv4("198.51.100.52").build());
        clock.advance(Duration.ofSeconds(1));
        mergeOne(ipv4("198.51.100.50").confidence(30).build());
        return id;
    }

    @Test
    void listByDateAdded_lastReturnsCurrentVersions() {
        storeHistory();

        List<StoredIoc> listed = store.listByDateAdded(byDateAdded(VersionFilter.LAST, 0, 100));

        assertThat(listed).extracting(StoredIoc::value)
                .containsExactly("198.51.100.51", "198.51.100.52", "198.51.100.50");
        assertThat(listed).extracting(StoredIoc::seq).containsExactly(2L, 4L, 5L);
    }

    @Test
    void listByDateAdded_allReturnsEveryVersion() {
        storeHistory();

        List<StoredIoc> listed = store.listByDateAdded(byDateAdded(VersionFilter.ALL, 0, 100));

        assertThat(listed).extracting(StoredIoc::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(listed).extracting(StoredIoc::version).containsExactly(1, 1, 2, 1, 3);
    }

    @Test
    void listByDateAdded_firstReturnsVersionOne() {
        storeHistory();

        List<StoredIoc> listed = store.listByDateAdded(byDateAdded(
                new VersionFilter(false, true, false, Set.of()), 0, 100));

        assertThat(listed).extracting(StoredIoc::seq).containsExactly(1L, 2L, 4L);
    }

    @Test
    void listByDateAdded_exactMatchesModified() {
        UUID id = storeHistory();
        Instant secondModified = store.versions(id, EVERYTHING).get(1).modified();

        List<StoredIoc> listed = store.listByDateAdded(byDateAdded(
                new VersionFilter(false, false, false, Set.of(secondModified)), 0, 100));

        assertThat(listed).extracting(StoredIoc::seq).containsExactly(3L);
    }

    @Test
    void listByDateAdded_combinesFirstAndLast() {
        storeHistory();

        List<StoredIoc> listed = store.listByDateAdded(byDateAdded(
                new VersionFilter(false, true, true, Set.of()), 0, 100));

        assertThat(listed).extracting(StoredIoc::seq).containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void listByDateAdded_combinesExactAndLast() {
        UUID id = storeHistory();
        Instant firstModified = store.versions(id, EVERYTHING).get(0).modified();

        List<StoredIoc> listed = store.listByDateAdded(byDateAdded(
                new VersionFilter(false, false, true, Set.of(firstModified)), 0, 100));

        assertThat(listed).extracting(StoredIoc::seq).containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void listByDateAdded_emptyFilterReturnsNothing() {
        storeHistory();

        assertThat(store.listByDateAdded(byDateAdded(new VersionFilter(false, false, false, Set.of()), 0, 100)))
                .isEmpty();
    }

    @Test
    void listByDateAdded_appliesFilters() {
        UUID id = storeHistory();
        mergeOne(domain(1));
        Instant firstAdded = store.versions(id, EVERYTHING).get(0).dateAdded();

        List<StoredIoc> byId = store.listByDateAdded(new DateAddedQuery(Set.of(), Set.of(id), null, 0,
                VersionFilter.ALL, EVERYTHING, 100));
        List<StoredIoc> byType = store.listByDateAdded(new DateAddedQuery(Set.of(IocType.DOMAIN), Set.of(), null, 0,
                VersionFilter.LAST, EVERYTHING, 100));
        List<StoredIoc> later = store.listByDateAdded(new DateAddedQuery(Set.of(), Set.of(), firstAdded, 0,
                VersionFilter.ALL, EVERYTHING, 100));

        assertThat(byId).extracting(StoredIoc::version).containsExactly(1, 2, 3);
        assertThat(byType).extracting(StoredIoc::value).containsExactly("n00001.example.com");
        assertThat(later).extracting(StoredIoc::seq).containsExactly(2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void listByDateAdded_appliesVisibilityPerVersion() {
        UUID id = storeHistory();
        mergeOne(ipv4("198.51.100.50").confidence(80).build());
        Visibility clearOnly = new Visibility(START.plusSeconds(1), Tlp.CLEAR, 70);

        List<StoredIoc> listed = store.listByDateAdded(new DateAddedQuery(Set.of(), Set.of(id), null, 0,
                VersionFilter.ALL, clearOnly, 100));

        assertThat(listed).extracting(StoredIoc::confidence).containsExactly(20, 30);
    }

    @Test
    void listByDateAdded_pagesWithSeqCursor() {
        storeHistory();

        List<StoredIoc> first = store.listByDateAdded(byDateAdded(VersionFilter.ALL, 0, 2));
        List<StoredIoc> second = store.listByDateAdded(byDateAdded(VersionFilter.ALL, first.get(1).seq(), 2));
        List<StoredIoc> third = store.listByDateAdded(byDateAdded(VersionFilter.ALL, second.get(1).seq(), 2));

        assertThat(first).extracting(StoredIoc::seq).containsExactly(1L, 2L);
        assertThat(second).extracting(StoredIoc::seq).containsExactly(3L, 4L);
        assertThat(third).extracting(StoredIoc::seq).containsExactly(5L);
    }

    @Test
    void listByDateAdded_lastAfterSupersededSeq() {
        storeHistory();

        List<StoredIoc> listed = store.listByDateAdded(byDateAdded(VersionFilter.LAST, 3, 100));

        assertThat(listed).extracting(StoredIoc::seq).containsExactly(4L, 5L);
    }

    @Test
    void listByDateAdded_seqBeyondEndIsEmpty() {
        storeHistory();

        assertThat(store.listByDateAdded(byDateAdded(VersionFilter.LAST, 99, 100))).isEmpty();
        assertThat(store.listByDateAdded(byDateAdded(VersionFilter.ALL, 99, 100))).isEmpty();
    }

    // Versions

    @Test
    void versions_appliesVisibility() {
        UUID id = storeHistory();

        List<StoredIoc> all = store.versions(id, EVERYTHING);
        List<StoredIoc> recent = store.versions(id, new Visibility(START.plusSeconds(1), Tlp.RED, 70));

        assertThat(all).extracting(StoredIoc::version).containsExactly(1, 2, 3);
        assertThat(recent).extracting(StoredIoc::version).containsExactly(2, 3);
        assertThat(store.versions(UUID.randomUUID(), EVERYTHING)).isEmpty();
    }

    // Paging over many rows that share one stamp

    @Test
    void paging_walksLargeBatchesWithoutGapsOrDuplicates() {
        List<Ioc> big = new ArrayList<>();
        for (int i = 0; i < 2_100; i++) {
            big.add(domain(i));
        }
        store.merge(big);
        List<Ioc> updates = new ArrayList<>();
        for (int i = 0; i < 2_100; i += 3) {
            updates.add(Ioc.builder(IocType.DOMAIN, String.format(Locale.ROOT, "n%05d.example.com", i))
                    .confidence(50).build());
        }
        store.merge(updates);
        store.merge(List.of(domain(5_000), domain(5_001)));

        Set<Long> seqs = new HashSet<>();
        int versionRows = 0;
        long afterSeq = 0;
        List<StoredIoc> page;
        do {
            page = store.listByDateAdded(byDateAdded(VersionFilter.ALL, afterSeq, 97));
            for (StoredIoc ioc : page) {
                assertThat(seqs.add(ioc.seq())).as("seq %d seen twice", ioc.seq()).isTrue();
                assertThat(ioc.seq()).isGreaterThan(afterSeq);
                afterSeq = ioc.seq();
                versionRows++;
            }
        } while (!page.isEmpty());

        Set<UUID> ids = new HashSet<>();
        ModifiedQuery.Cursor cursor = null;
        do {
            page = store.listByModified(new ModifiedQuery(Set.of(), Instant.EPOCH, cursor, EVERYTHING, 89));
            for (StoredIoc ioc : page) {
                assertThat(ids.add(ioc.id())).as("id %s seen twice", ioc.id()).isTrue();
            }
            if (!page.isEmpty()) {
                StoredIoc last = page.get(page.size() - 1);
                cursor = new ModifiedQuery.Cursor(last.modified(), last.id());
            }
        } while (!page.isEmpty());

        assertThat(versionRows).isEqualTo(2_100 + 700 + 2);
        assertThat(seqs).hasSize(2_802);
        assertThat(ids).hasSize(2_102);
        assertThat(store.count()).isEqualTo(2_102);
    }

    // Concurrency

    @Test
    void concurrency_readersSeeEveryVersionOnce() throws Exception {
        int writersPerStore = 2;
        int batches = 12;
        int batchSize = 250;
        AtomicBoolean writersDone = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(writersPerStore * 2 + 2);
        try (IocStore peer = openPeer(clock)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < writersPerStore * 2; w++) {
                IocStore target = w % 2 == 0 ? store : peer;
                Random random = new Random(1_000 + w);
                writers.add(threads.submit(() -> writeRandomBatches(target, random, batches, batchSize)));
            }
            Future<List<Long>> firstReader = threads.submit(() -> readAllVersions(store, new Random(1), writersDone));
            Future<List<Long>> secondReader = threads.submit(() -> readAllVersions(peer, new Random(2), writersDone));
            for (Future<?> writer : writers) {
                writer.get(5, TimeUnit.MINUTES);
            }
            writersDone.set(true);

            List<Long> stored = readAllVersions(store, new Random(3), writersDone);
            assertThat(stored).doesNotHaveDuplicates().isSorted();
            assertThat(stored).hasSizeGreaterThan(batches * batchSize);
            assertThat(stored.get(stored.size() - 1)).isEqualTo(stored.size());
            for (Future<List<Long>> reader : List.of(firstReader, secondReader)) {
                List<Long> seen = reader.get(5, TimeUnit.MINUTES);
                assertThat(seen).doesNotHaveDuplicates();
                assertThat(seen).isEqualTo(stored);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Merges batches of domains drawn from a shared range, so that writers create, update and repeat IOCs. */
    private static Void writeRandomBatches(IocStore target, Random random, int batches, int batchSize) {
        for (int b = 0; b < batches; b++) {
            List<Ioc> batch = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                int n = random.nextInt(3_000);
                batch.add(Ioc.builder(IocType.DOMAIN, String.format(Locale.ROOT, "n%05d.example.com", n))
                        .confidence(random.nextInt(101)).build());
            }
            target.merge(batch);
        }
        return null;
    }

    /** Pages through every version by (date_added, seq) with random page sizes until writers are done. */
    private static List<Long> readAllVersions(IocStore source, Random random, AtomicBoolean writersDone) {
        List<Long> seen = new ArrayList<>();
        long afterSeq = 0;
        while (true) {
            boolean finished = writersDone.get();
            List<StoredIoc> page = source.listByDateAdded(new DateAddedQuery(Set.of(), Set.of(), null, afterSeq,
                    VersionFilter.ALL, EVERYTHING, 1 + random.nextInt(60)));
            for (StoredIoc ioc : page) {
                seen.add(ioc.seq());
                afterSeq = ioc.seq();
            }
            if (page.isEmpty() && finished) {
                return seen;
            }
        }
    }

    // Corrupt rows

    @Test
    void read_unknownTypeFailsClearly() throws Exception {
        StoredIoc stored = mergeOne(ipv4("198.51.100.60").build());
        executeRaw("UPDATE ioc SET type = 'bogus' WHERE value = '198.51.100.60'");

        assertThatThrownBy(() -> store.findById(stored.id()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("unknown type 'bogus'")
                .hasMessageContaining(stored.id().toString());
    }

    @Test
    void read_corruptTagsFailClearly() throws Exception {
        mergeOne(ipv4("198.51.100.61").build());
        executeRaw("UPDATE ioc SET tags = 'not json' WHERE value = '198.51.100.61'");

        assertThatThrownBy(() -> store.listByModified(new ModifiedQuery(Set.of(), Instant.EPOCH, null,
                EVERYTHING, 10)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("corrupt tags column");
    }

    // API keys

    private static ApiKeyRecord key(String id, String hash) {
        return new ApiKeyRecord(id, "ops team", "pro", Tlp.AMBER, hash, "sk_live_ab", START, null);
    }

    @Test
    void keys_insertFindListRevoke() {
        ApiKeyRecord first = key("key-1", "a".repeat(64));
        ApiKeyRecord second = key("key-2", "b".repeat(64));
        store.insertKey(first);
        store.insertKey(second);

        assertThat(store.findKeyByHash("a".repeat(64))).contains(first);
        assertThat(store.findKeyById("key-2")).contains(second);
        assertThat(store.findKeyById("key-3")).isEmpty();
        assertThat(store.listKeys()).containsExactly(first, second);

        Instant when = START.plusSeconds(5);
        assertThat(store.revokeKey("key-1", when)).isTrue();
        assertThat(store.revokeKey("key-3", when)).isFalse();
        ApiKeyRecord revoked = store.findKeyById("key-1").orElseThrow();
        assertThat(revoked.revoked()).isEqualTo(when);
        assertThat(revoked.active()).isFalse();
    }

    @Test
    void keys_revokingTwiceKeepsFirstTime() {
        store.insertKey(key("key-1", "c".repeat(64)));
        store.revokeKey("key-1", START.plusSeconds(5));
        store.revokeKey("key-1", START.plusSeconds(50));

        assertThat(store.findKeyById("key-1").orElseThrow().revoked()).isEqualTo(START.plusSeconds(5));
    }

    // Text: the IOC model rejects NUL and unpaired surrogates, and the stores keep every other character

    @Test
    void merge_keepsEveryCharacterTheModelAccepts() {
        StringBuilder text = new StringBuilder();
        for (char c = 1; c < 0x80; c++) {
            text.append(c);
        }
        text.append("\u00e9\u2028\u2029\ufeff\ufffe\uffff\ud83d\ude00\udbff\udfff");
        String all = text.toString();
        Ioc ioc = ipv4("198.51.100.90").name(all).description(all).tags(List.of(all)).killChainPhases(List.of(all))
                .indicatorTypes(List.of(all)).reference(all).build();

        StoredIoc stored = store.findById(mergeOne(ioc).id()).orElseThrow();

        assertThat(stored.name()).isEqualTo(all);
        assertThat(stored.description()).isEqualTo(all);
        assertThat(stored.tags()).containsExactly(all);
        assertThat(stored.killChainPhases()).containsExactly(all);
        assertThat(stored.indicatorTypes()).containsExactly(all);
        assertThat(stored.reference()).isEqualTo(all);
    }

    @Test
    void insertKey_nulInNameIsNoOutage() {
        ApiKeyRecord key = new ApiKeyRecord("key-nul", "ops\u0000team", "pro", Tlp.AMBER, "d".repeat(64),
                "sk_live_ab", START, null);

        if (storesNulInText()) {
            store.insertKey(key);
            assertThat(store.findKeyById("key-nul")).contains(key);
        } else {
            assertThatThrownBy(() -> store.insertKey(key))
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessageContaining("insert API key key-nul")
                    .hasMessageContaining("SQL state 22021")
                    .hasMessageContaining("0x00")
                    .hasMessageNotContaining("127.0.0.1");
            assertThat(store.findKeyById("key-nul")).isEmpty();
        }
        assertThat(mergeOne(domain(1)).version()).isEqualTo(1);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void find_nulInValueIsNoOutage() {
        mergeOne(domain(1));

        if (storesNulInText()) {
            assertThat(store.find(IocType.DOMAIN, "n00001.example.com\u0000")).isEmpty();
        } else {
            assertThatThrownBy(() -> store.find(IocType.DOMAIN, "n00001.example.com\u0000"))
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessageContaining("SQL state 22021");
        }
        assertThat(store.find(IocType.DOMAIN, "n00001.example.com")).isPresent();
    }

    // TAXII statuses

    @Test
    void statuses_foundUntilExpired() {
        UUID id = UUID.randomUUID();
        store.saveStatus(id, "{\"status\":\"pending\"}", START.plusSeconds(60));
        store.saveStatus(id, "{\"status\":\"complete\"}", START.plusSeconds(60));

        assertThat(store.findStatus(id, START)).contains("{\"status\":\"complete\"}");
        assertThat(store.findStatus(id, START.plusSeconds(60))).isEmpty();
        assertThat(store.findStatus(UUID.randomUUID(), START)).isEmpty();
    }

    // Settings, ping

    @Test
    void settings_firstValueWins() {
        assertThat(store.getOrCreateSetting("identity_id", "first")).isEqualTo("first");
        assertThat(store.getOrCreateSetting("identity_id", "second")).isEqualTo("first");
        assertThat(store.getOrCreateSetting("other", "x")).isEqualTo("x");
    }

    @Test
    void ping_succeedsOnOpenStore() {
        store.ping();
        assertThat(store.count()).isZero();
    }
}
