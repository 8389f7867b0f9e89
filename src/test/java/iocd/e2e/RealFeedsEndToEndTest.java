package iocd.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import iocd.TestData;
import iocd.auth.ApiKeys;
import iocd.auth.Plan;
import iocd.http.IocdServer;
import iocd.ingest.ImportReport;
import iocd.ingest.Importer;
import iocd.ingest.ProgressListener;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.stix.RenderSettings;
import iocd.stix.StixRenderer;
import iocd.stix.StixSchemaValidator;
import iocd.store.ModifiedQuery;
import iocd.store.SqliteStore;
import iocd.store.Visibility;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports the main public feeds (ThreatFox, URLhaus, CISA KEV, IPsum, a TweetFeed STIX bundle, MITRE ATT&CK for
 * ICS) into a real SQLite store, then requests a bundle of every type present from a real server and checks each
 * object against the OASIS schemas. Skips when the feed folder is absent, and skips only the schema check when the
 * schemas are absent.
 */
class RealFeedsEndToEndTest {
    private static final List<String> FEEDS = List.of(
            "abusech-threatfox/threatfox.json",
            "abusech-urlhaus/urlhaus.csv",
            "cisa-kev/known_exploited_vulnerabilities.json",
            "stamparm-ipsum/ipsum.txt",
            "tweetfeed/week.json",
            "mitre-attack-stix/ics-attack.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void feeds_importThenServeValidBundlePerType(@TempDir Path dir) throws Exception {
        assumeTrue(TestData.feeds().isPresent(), "IOCD_TEST_DATA not set; real feed files not available");
        Path feeds = TestData.feeds().get();
        Optional<StixSchemaValidator> schemas = StixSchemaValidator.load();

        try (SqliteStore store = SqliteStore.open(dir.resolve("iocd.db"), Clock.systemUTC())) {
            Importer importer = new Importer(store);
            for (String feed : FEEDS) {
                Path file = feeds.resolve(feed);
                assumeTrue(Files.isRegularFile(file), "feed file missing: " + feed);
                ImportReport report = importer.importFile(file, null, ProgressListener.NONE);
                System.out.println(report.summary());
                assertThat(report.completed()).as(feed).isTrue();
                assertThat(report.added()).as("%s adds IOCs", feed).isPositive();
                assertThat(report.rejected()).as("%s rejections", feed).isLessThan(Math.max(1, report.read() / 100));
            }

            Set<IocType> present = EnumSet.noneOf(IocType.class);
            for (IocType type : IocType.values()) {
                if (!store.listByModified(new ModifiedQuery(Set.of(type), Instant.EPOCH, null,
                        Visibility.everything(70), 1)).isEmpty()) {
                    present.add(type);
                }
            }
            assertThat(present).contains(IocType.IPV4, IocType.DOMAIN, IocType.URL, IocType.SHA256, IocType.CVE,
                    IocType.MITRE_ATTACK);

            ApiKeys keys = new ApiKeys(store, Plan.defaults(), Clock.systemUTC());
            String key = keys.create("enterprise", "e2e", Tlp.RED).secret();
            StixRenderer renderer = new StixRenderer(new RenderSettings("SOC Defenders",
                    "identity--9d2b3f4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f", Instant.parse("2026-01-01T00:00:00Z"), 70));
            HttpClient http = HttpClient.newHttpClient();
            try (IocdServer server = new IocdServer(store, keys, renderer, Clock.systemUTC(), 70, 1 << 20)
                    .start("127.0.0.1", 0)) {
                for (IocType type : present) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                            + "/api/v1/iocs/stix?limit=1000&type=" + type.apiName()))
                            .header("Authorization", "Bearer " + key)
                            .header("Accept", "application/stix+json;version=2.1").build();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(type.apiName()).isEqualTo(200);
                    JsonNode bundle = JSON.readTree(response.body());
                    assertThat(bundle.get("objects").size()).as(type.apiName()).isGreaterThan(1);
                    for (JsonNode object : bundle.get("objects")) {
                        if (object.get("type").asText().equals(type.stixType())) {
                            assertThat(object.path("spec_version").asText()).isEqualTo("2.1");
                        }
                        schemas.ifPresent(validator -> assertThat(validator.validate(object))
                                .as("%s %s", type.apiName(), object.get("id")).isEmpty());
                    }
                    schemas.ifPresent(validator -> assertThat(validator.validate(bundle)).isEmpty());
                }
            }
        }
    }
}
