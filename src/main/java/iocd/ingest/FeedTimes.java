package iocd.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses the timestamp spellings feeds use. Times without a zone are UTC, because every supported feed
 * documents its times as UTC. Accepted: ISO 8601 with zone or offset ({@code 2021-01-20T11:00:00Z}), ISO
 * without zone, {@code 2026-07-24 13:50:00} with an optional {@code UTC} suffix, a bare date
 * ({@code 2025-08-25} or {@code 20250825}), the US form spreadsheets write ({@code 12/22/2023 6:58}, month first),
 * and Unix epoch seconds.
 */
final class FeedTimes {
    private static final List<DateTimeFormatter> LOCAL_FORMATS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss][.SSSSSS][.SSS]", Locale.ROOT),
            DateTimeFormatter.ofPattern("M/d/uuuu H:mm[:ss]", Locale.ROOT));

    private FeedTimes() {
    }

    /** Eight digits are a compact date ({@code 20230712}); nine to eleven are epoch seconds (1973 to 5138). */
    private static Optional<Instant> digitsOnly(String text) {
        if (text.length() == 8) {
            try {
                return Optional.of(LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay()
                        .toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (text.length() >= 9 && text.length() <= 11) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
        }
        return Optional.empty();
    }

    /** Parses a timestamp, or returns empty when the text has none of the accepted forms. */
    static Optional<Instant> parse(String raw) {
        String text = raw.strip();
        if (text.endsWith(" UTC")) {
            text = text.substring(0, text.length() - 4).strip();
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return digitsOnly(text);
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            // fall through to the forms without a zone
        }
        for (DateTimeFormatter format : LOCAL_FORMATS) {
            try {
                return Optional.of(LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }
}
