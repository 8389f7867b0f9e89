package iocd.ingest;

import org.jspecify.annotations.Nullable;

/**
 * Column roles of CSV input. Each column is named by its header text (case, spaces and punctuation ignored)
 * or by its 1-based number. A null column is found automatically from common header names such as
 * {@code ioc}, {@code indicator}, {@code value}, {@code type}, {@code first_seen}, {@code tags}. The last-seen,
 * valid-until, name, reference, port and TLP columns are found by header name only ({@code last_seen},
 * {@code last_online}, {@code valid_until}, {@code name}, {@code reference}, {@code port}, {@code dst_port},
 * {@code tlp}, ...).
 *
 * @param value       column with the IOC value. When it is null and no header name matches, the value column is
 *                    the first column whose cell in the first data row has a recognisable IOC shape
 * @param type        column with a type label ({@code ip}, {@code domain}, {@code sha256}, ...); when absent the
 *                    type comes from a type-named value column ({@code SHA1}, {@code dst_ip}) or the value's shape
 * @param firstSeen   column with the first-seen time
 * @param tags        column with tags separated by commas, semicolons or bars
 * @param confidence  column with a confidence from 0 to 100
 * @param description column with free text
 * @param header      whether the first row is a header
 */
public record CsvMapping(
        @Nullable String value,
        @Nullable String type,
        @Nullable String firstSeen,
        @Nullable String tags,
        @Nullable String confidence,
        @Nullable String description,
        Header header) {

    /** Everything found automatically. */
    public static final CsvMapping AUTO = new CsvMapping(null, null, null, null, null, null, Header.AUTO);

    /** Whether the first non-comment row is a header. */
    public enum Header {
        /**
         * A header when none of its cells looks like an IOC, or when more of its cells are known column names
         * ({@code ioc}, {@code type}, {@code SHA1}, ...) than look like IOCs.
         */
        AUTO,
        PRESENT,
        ABSENT
    }
}
