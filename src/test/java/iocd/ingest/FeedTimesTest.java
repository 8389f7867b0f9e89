package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedTimesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-07-24 13:50:00             | 2026-07-24T13:50:00Z
            2026-08-22 21:23:45 UTC         | 2026-08-22T21:23:45Z
            2021-01-20T11:00:00Z            | 2021-01-20T11:00:00Z
            2025-08-25T17:04:19.9796Z       | 2025-08-25T17:04:19.979600Z
            2018-03-09T10:00:00+02:00       | 2018-03-09T08:00:00Z
            2024-06-03T16:27:09             | 2024-06-03T16:27:09Z
            2025-08-25                      | 2025-08-25T00:00:00Z
            20230712                        | 2023-07-12T00:00:00Z
            12/22/2023 6:58                 | 2023-12-22T06:58:00Z
            1787433918                      | 2026-08-22T21:25:18Z
            """)
    void parse_acceptsFeedSpellings(String raw, String expected) {
        assertThat(FeedTimes.parse(raw)).contains(Instant.parse(expected));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"yesterday", "2023-13-45", "", "123", "22/12/2023 6:58", "20231345"})
    void parse_rejectsOtherText(String raw) {
        assertThat(FeedTimes.parse(raw)).isEmpty();
    }
}
