package iocd.taxii;

import static iocd.taxii.TaxiiEndpointTest.ids;
import static iocd.taxii.TaxiiServer.TAXII;
import static iocd.taxii.TaxiiServer.basic;
import static iocd.taxii.TaxiiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.store.StoredIoc;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plan lookback and TLP clearance hide objects on every TAXII path: listing, match[id], an old added_after,
 * object by id, versions, manifest and delete. A hidden object gets the same response as a missing one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaxiiVisibilityTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String ALL = "/taxii2/api/collections/all/";
    private static final String MISSING = "indicator--00000000-0000-4000-8000-000000000000";

    private TaxiiServer taxii;
    private StoredIoc old;
    private StoredIoc amber;
    private StoredIoc red;
    private StoredIoc visible;

    @BeforeAll
    void start(@TempDir Path dir) {
        taxii = new TaxiiServer(dir, NOW.minus(Duration.ofDays(200)));
        old = taxii.store.merge(List.of(Ioc.builder(IocType.IPV4, "192.0.2.200").confidence(90).build()))
                .outcomes().get(0).current();
        taxii.clock.set(NOW.minus(Duration.ofDays(1)));
        var stored = taxii.store.merge(List.of(
                Ioc.builder(IocType.EMAIL, "phisher@example.com").confidence(75).sourceTlp(Tlp.AMBER).build(),
                Ioc.builder(IocType.IPV4, "198.51.100.66").confidence(90).sourceTlp(Tlp.RED).build(),
                Ioc.builder(IocType.DOMAIN, "open.example.com").confidence(10).build())).outcomes();
        amber = stored.get(0).current();
        red = stored.get(1).current();
        visible = stored.get(2).current();
        taxii.clock.set(NOW);
    }

    @AfterAll
    void stop() {
        taxii.close();
    }

    @Test
    void listing_servesOnlyWhatTheKeyMaySee() {
        List<String> forReader = ids(json(taxii.get(ALL + "objects/?added_after=2000-01-01T00:00:00Z", taxii.reader)));
        List<String> forClear = ids(json(taxii.get(ALL + "objects/?match[version]=all", taxii.clearReader)));

        assertThat(forReader).containsExactly(amber.stixId(), visible.stixId());
        assertThat(forClear).containsExactly(visible.stixId());
    }

    @Test
    void manifest_servesOnlyWhatTheKeyMaySee() {
        List<String> ids = ids(json(taxii.get(ALL + "manifest/?added_after=1970-01-01T00:00:00Z", taxii.clearReader)));

        assertThat(ids).containsExactly(visible.stixId());
    }

    @Test
    void matchId_doesNotRevealHiddenObjects() {
        String query = "objects/?match[version]=all&match[id]=" + old.stixId() + "," + red.stixId() + ","
                + amber.stixId();

        assertThat(taxii.get(ALL + query, taxii.clearReader).body()).isEqualTo("{}");
        assertThat(ids(json(taxii.get(ALL + query, taxii.reader)))).containsExactly(amber.stixId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"old", "red"})
    void objectById_hiddenAnswersLikeMissing(String which) {
        String id = which.equals("old") ? old.stixId() : red.stixId();

        assertSameAsMissing(taxii.get(ALL + "objects/" + id + "/", taxii.reader),
                taxii.get(ALL + "objects/" + MISSING + "/", taxii.reader));
        assertSameAsMissing(taxii.get(ALL + "objects/" + id + "/versions/", taxii.reader),
                taxii.get(ALL + "objects/" + MISSING + "/versions/", taxii.reader));
        assertSameAsMissing(taxii.get(ALL + "objects/" + id + "/?match[version]=all&added_after=2000-01-01T00:00:00Z",
                taxii.reader), taxii.get(ALL + "objects/" + MISSING + "/", taxii.reader));
    }

    @Test
    void objectById_aboveClearanceAnswersLikeMissing() {
        assertSameAsMissing(taxii.get(ALL + "objects/" + amber.stixId() + "/", taxii.clearReader),
                taxii.get(ALL + "objects/" + MISSING + "/", taxii.clearReader));
        assertThat(taxii.get(ALL + "objects/" + amber.stixId() + "/", taxii.reader).statusCode()).isEqualTo(200);
    }

    @Test
    void delete_hiddenObjectIs404() {
        HttpResponse<String> hidden = taxii.send(taxii.request(ALL + "objects/" + old.stixId() + "/")
                .header("Authorization", basic(taxii.writer)).header("Accept", TAXII).DELETE());
        HttpResponse<String> missing = taxii.send(taxii.request(ALL + "objects/" + MISSING + "/")
                .header("Authorization", basic(taxii.writer)).header("Accept", TAXII).DELETE());

        assertSameAsMissing(hidden, missing);
        assertThat(taxii.store.findById(old.id()).orElseThrow().revoked()).isFalse();
    }

    private static void assertSameAsMissing(HttpResponse<String> hidden, HttpResponse<String> missing) {
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).isEqualTo(missing.body());
        assertThat(hidden.headers().firstValue("X-TAXII-Date-Added-First")).isEmpty();
    }
}
