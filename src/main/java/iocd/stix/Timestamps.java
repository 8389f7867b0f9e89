package iocd.stix;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The two wire formats for time: STIX (milliseconds) and TAXII (microseconds), both UTC with {@code Z}. */
public final class Timestamps {
    private static final DateTimeFormatter STIX =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TAXII =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** STIX timestamp with exactly three fraction digits, for example {@code 2026-05-15T10:00:00.000Z}. */
    public static String stix(Instant instant) {
        return STIX.format(instant);
    }

    /** TAXII timestamp with exactly six fraction digits. */
    public static String taxii(Instant instant) {
        return TAXII.format(instant);
    }

    public static Instant toMillis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    public static Instant toMicros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    public static Instant ofMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
