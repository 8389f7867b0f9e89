package iocd.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static final DateTimeFormatter STIX =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TAXII =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void stix_writesMillisecondsWithZ() {
        assertThat(Timestamps.stix(Instant.parse("2026-05-15T10:00:00Z"))).isEqualTo("2026-05-15T10:00:00.000Z");
        assertThat(Timestamps.stix(Instant.parse("2026-05-15T10:00:00.123987Z")))
                .isEqualTo("2026-05-15T10:00:00.123Z");
    }

    @Test
    void taxii_writesMicrosecondsWithZ() {
        assertThat(Timestamps.taxii(Instant.parse("2026-05-15T10:00:00.000042999Z")))
                .isEqualTo("2026-05-15T10:00:00.000042Z");
    }

    @Test
    void stixAndTaxii_matchFormatterAcrossYears() {
        for (Instant instant : samples()) {
            assertThat(Timestamps.stix(instant)).as("stix %s", instant).isEqualTo(STIX.format(instant));
            assertThat(Timestamps.taxii(instant)).as("taxii %s", instant).isEqualTo(TAXII.format(instant));
        }
    }

    private static List<Instant> samples() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-30T12:00:00Z"),
                Instant.parse("2024-02-29T23:59:59.5Z")));
        SplittableRandom random = new SplittableRandom(42);
        long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 10_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000)));
        }
        return instants;
    }
}
