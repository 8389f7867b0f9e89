package iocd.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import iocd.auth.ApiKeys;
import iocd.auth.Plan;
import iocd.auth.Scope;
import iocd.http.IocdServer;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.stix.RenderSettings;
import iocd.stix.StixRenderer;
import iocd.store.ModifiedQuery;
import iocd.store.PostgresStore;
import iocd.store.StoredIoc;
import iocd.store.Visibility;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two iocd nodes (two stores, two HTTP servers) on one PostgreSQL database. Imports run on both while a client
 * pages the bundle endpoint and TAXII through both nodes in turn. Each poll must equal the stored rows up to its
 * last position, with no repeats.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final String ALL_COLLECTION = "4ee15d6b-3608-4119-a5b4-a0c049b6fb01";
    private static final String IDENTITY = "identity--0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";

    private EmbeddedPostgres postgres;
    private final List<PostgresStore> stores = new ArrayList<>();
    private final List<IocdServer> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private String key;
    private String limitedKey;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE iocd_cluster");
        }
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/iocd_cluster";
        Map<String, Plan> plans = new java.util.HashMap<>(Plan.defaults());
        plans.put("tiny", new Plan("tiny", EnumSet.of(Scope.READ_STIX), Duration.ofDays(30), 4));
        for (int node = 0; node < 2; node++) {
            PostgresStore store = PostgresStore.open(url, "postgres", "", Clock.systemUTC());
            stores.add(store);
            ApiKeys keys = new ApiKeys(store, plans, Clock.systemUTC());
            if (node == 0) {
                key = keys.create("enterprise", "poller", Tlp.RED).secret();
                limitedKey = keys.create("tiny", "limited", Tlp.RED).secret();
            }
            StixRenderer renderer = new StixRenderer(new RenderSettings("SOC Defenders", IDENTITY,
                    Instant.parse("2026-01-01T00:00:00Z"), 70));
            servers.add(new IocdServer(store, keys, renderer, Clock.systemUTC(), 70, 1 << 20)
                    .start("127.0.0.1", 0));
        }
    }

    @AfterAll
    void stop() throws Exception {
        servers.forEach(IocdServer::stop);
        stores.forEach(PostgresStore::close);
        postgres.close();
    }

    @Test
    void polls_seeEveryRowOnceDuringImports() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> work = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            PostgresStore store = stores.get(node);
            int offset = node;
            work.add(writers.submit(() -> {
                for (int batch = 0; batch < 30; batch++) {
                    List<Ioc> iocs = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        int n = (batch * 40 + i) * 2 + offset;
                        iocs.add(Ioc.builder(IocType.DOMAIN, "host" + n + ".node" + offset + ".example.com")
                                .confidence(80).build());
                    }
                    store.merge(iocs);
                }
                return null;
            }));
        }

        // Full polls from the start, alternating nodes page by page, while both nodes import.
        List<List<String[]>> polls = new ArrayList<>();
        List<TaxiiPoll> taxiiPolls = new ArrayList<>();
        while (!work.stream().allMatch(Future::isDone)) {
            polls.add(poll());
            taxiiPolls.add(taxiiPoll());
        }
        writers.shutdown();
        for (Future<?> future : work) {
            future.get();
        }
        polls.add(poll());
        taxiiPolls.add(taxiiPoll());

        List<String[]> stored = storedKeys();
        assertThat(stored).hasSize(2 * 30 * 40);
        assertThat(polls.size()).isGreaterThan(1);
        for (List<String[]> poll : polls) {
            assertNoRepeatAndNoSkip(poll, stored);
        }
        assertThat(polls.get(polls.size() - 1)).hasSameSizeAs(stored);

        Set<String> storedIds = new HashSet<>();
        stored.forEach(row -> storedIds.add(row[1]));
        for (TaxiiPoll poll : taxiiPolls) {
            assertThat(new HashSet<>(poll.ids())).as("TAXII poll repeats an object").hasSameSizeAs(poll.ids());
            // Every version here is the first of a new IOC, so date_added equals modified: everything stored up
            // to the poll's last date_added must be in it, or the poll skipped a late commit.
            Set<String> expected = new HashSet<>();
            for (String[] row : stored) {
                if (poll.lastDateAdded() != null
                        && !Instant.parse(row[0]).isAfter(Instant.parse(poll.lastDateAdded()))) {
                    expected.add(row[1]);
                }
            }
            assertThat(new HashSet<>(poll.ids())).isEqualTo(expected);
        }
        assertThat(new HashSet<>(taxiiPolls.get(taxiiPolls.size() - 1).ids())).isEqualTo(storedIds);
    }

    /**
     * Polls the all-types TAXII collection with {@code next} tokens, switching node on every request; the
     * X-TAXII-Date-Added headers must ascend from page to page.
     */
    private record TaxiiPoll(List<String> ids, String lastDateAdded) {
    }

    private TaxiiPoll taxiiPoll() throws Exception {
        List<String> seen = new ArrayList<>();
        String base = "/taxii2/api/collections/" + ALL_COLLECTION + "/objects/?limit=53";
        String next = null;
        String previousLast = "";
        int request = 0;
        do {
            String path = next == null ? base : base + "&next=" + java.net.URLEncoder.encode(next,
                    java.nio.charset.StandardCharsets.UTF_8);
            HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(url(request % 2, path)))
                    .header("Accept", "application/taxii+json;version=2.1")
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            ("poller:" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode envelope = JSON.readTree(response.body());
            for (JsonNode object : envelope.path("objects")) {
                seen.add(object.get("id").asText());
            }
            String first = response.headers().firstValue("X-TAXII-Date-Added-First").orElse(null);
            if (first != null) {
                assertThat(first.compareTo(previousLast)).as("pages ascend by date_added").isGreaterThanOrEqualTo(0);
                previousLast = response.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
            }
            next = envelope.path("more").asBoolean(false) ? envelope.get("next").asText() : null;
            request++;
        } while (next != null);
        return new TaxiiPoll(seen, previousLast.isEmpty() ? null : previousLast);
    }

    /** Follows Link headers from the first page to the last, switching node on every request. */
    private List<String[]> poll() throws Exception {
        List<String[]> seen = new ArrayList<>();
        String next = url(0, "/api/v1/iocs/stix?limit=37&include_identity=false&include_markings=false");
        int request = 0;
        while (next != null) {
            HttpResponse<String> response = get(next, key);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            for (JsonNode object : JSON.readTree(response.body()).path("objects")) {
                seen.add(new String[] {object.get("modified").asText(), object.get("id").asText()});
            }
            String link = response.headers().firstValue("Link").map(MultiNodeTest::nextLink).orElse(null);
            request++;
            next = link == null ? null : onNode(link, request % 2);
        }
        return seen;
    }

    /**
     * A poll may end before later commits, but up to its last position it must hold exactly the stored rows: a
     * row missing there was skipped because it committed late, and a row twice was repeated.
     */
    private static void assertNoRepeatAndNoSkip(List<String[]> poll, List<String[]> stored) {
        Set<String> ids = new HashSet<>();
        for (String[] row : poll) {
            assertThat(ids.add(row[1])).as("repeated %s", row[1]).isTrue();
        }
        if (poll.isEmpty()) {
            return;
        }
        String[] last = poll.get(poll.size() - 1);
        Set<String> expected = new HashSet<>();
        for (String[] row : stored) {
            if (compare(row, last) <= 0) {
                expected.add(row[1]);
            }
        }
        assertThat(ids).isEqualTo(expected);
    }

    private static int compare(String[] a, String[] b) {
        int byTime = a[0].compareTo(b[0]);
        return byTime != 0 ? byTime : a[1].substring(a[1].indexOf("--") + 2).compareTo(b[1].substring(b[1].indexOf("--") + 2));
    }

    @Test
    void rateLimit_isSharedAcrossNodes() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(get(url(i % 2, "/api/v1/iocs/stix?limit=1"), limitedKey).statusCode());
        }

        assertThat(statuses.subList(0, 4)).containsOnly(200);
        assertThat(statuses.subList(4, 6)).containsOnly(429);
    }

    private List<String[]> storedKeys() {
        List<String[]> keys = new ArrayList<>();
        ModifiedQuery.Cursor cursor = null;
        while (true) {
            List<StoredIoc> page = stores.get(0).listByModified(new ModifiedQuery(Set.of(), Instant.EPOCH, cursor,
                    Visibility.everything(70), 1000));
            page.forEach(ioc -> keys.add(new String[] {iocd.stix.Timestamps.stix(ioc.modified()), ioc.stixId()}));
            if (page.size() < 1000) {
                return keys;
            }
            cursor = new ModifiedQuery.Cursor(page.get(999).modified(), page.get(999).id());
        }
    }

    /** Rewrites a link for another node; cursors are self-contained, so any node can continue. */
    private String onNode(String link, int node) {
        return link.replaceFirst("//127\\.0\\.0\\.1:\\d+/", "//127.0.0.1:" + servers.get(node).port() + "/");
    }

    private String url(int node, String path) {
        return "http://127.0.0.1:" + servers.get(node).port() + path;
    }

    private HttpResponse<String> get(String url, String apiKey) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", apiKey)
                .timeout(Duration.ofSeconds(30)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String nextLink(String header) {
        Matcher matcher = NEXT.matcher(header);
        return matcher.find() ? matcher.group(1) : null;
    }
}
