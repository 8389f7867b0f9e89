package iocd.ingest;

import iocd.ioc.InvalidIocException;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import iocd.ioc.Normalizer;
import iocd.ioc.Tlp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Steps every parser shares: normalising with rejection instead of exceptions, tags, text and time fields. */
final class Values {
    private Values() {
    }

    /**
     * Normalises a raw value as one of the allowed types, or as whatever type its shape shows when
     * {@code allowed} is empty. Reports a rejection and returns empty when the value breaks the rules.
     */
    static Optional<NormalizedValue> normalize(IocSink sink, String location, List<IocType> allowed, String raw) {
        if (raw.isBlank()) {
            sink.reject(location, raw, "empty value");
            return Optional.empty();
        }
        try {
            return Optional.of(normalizeOrThrow(allowed, raw));
        } catch (InvalidIocException e) {
            sink.reject(location, raw, e.reason());
            return Optional.empty();
        }
    }

    private static NormalizedValue normalizeOrThrow(List<IocType> allowed, String raw) {
        if (allowed.isEmpty()) {
            return Normalizer.normalizeDetected(raw);
        }
        if (allowed.size() == 1) {
            return Normalizer.normalize(allowed.get(0), raw);
        }
        Optional<IocType> detected = Normalizer.detect(raw);
        IocType type = detected.filter(allowed::contains).orElse(allowed.get(0));
        return Normalizer.normalize(type, raw);
    }

    /**
     * Starts a builder whose description joins the source's text with the port split off the value, so
     * neither replaces the other.
     */
    static Ioc.Builder builder(NormalizedValue normalized, @Nullable String description) {
        Ioc.Builder builder = Ioc.builder(normalized);
        String text = blankToNull(description);
        if (text != null && normalized.port() != null) {
            builder.description(text + ". Observed on port " + normalized.port());
        } else if (text != null) {
            builder.description(text);
        }
        return builder;
    }

    /** Splits a separated tag list, drops blanks and case-insensitive duplicates, keeps the first spelling. */
    static List<String> tags(@Nullable String joined, String separatorRegex) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return distinct(List.of(joined.split(separatorRegex)));
    }

    static List<String> distinct(List<String> tags) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> unique = new ArrayList<>();
        for (String tag : tags) {
            String trimmed = tag.strip();
            if (!trimmed.isEmpty() && seen.add(trimmed.toLowerCase(Locale.ROOT))) {
                unique.add(trimmed);
            }
        }
        return unique;
    }

    static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /**
     * Parses an optional time field. Returns empty for an absent field; throws {@link FieldException} for a
     * present one in no accepted form, so the record is rejected instead of silently losing the field.
     */
    static @Nullable Instant time(String field, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return FeedTimes.parse(raw).orElseThrow(() -> new FieldException(raw,
                "invalid " + field + ": expected a timestamp such as 2026-07-24 13:50:00 or 2026-07-24T13:50:00Z"));
    }

    /** Parses an optional confidence 0 to 100; throws {@link FieldException} for anything else. */
    /**
     * Reads an optional TLP level ({@code amber}, {@code TLP:RED}, {@code white}, ...). An unreadable level rejects
     * the record instead of importing it unmarked, which would serve it to every key.
     */
    static @Nullable Tlp tlp(String field, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return Tlp.parse(raw).orElseThrow(() -> new FieldException(raw, "invalid " + field
                + ": expected clear, white, green, amber, amber+strict or red, with or without a TLP: prefix"));
    }

    static @Nullable Integer confidence(String field, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 0 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new FieldException(raw, "invalid " + field + ": expected a whole number from 0 to 100");
    }

    /**
     * Parses an optional port: 1 to 65535 written as up to five ASCII digits. Returns null for an absent or blank
     * field and throws {@link FieldException} for anything else.
     */
    static @Nullable Integer port(String field, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        boolean digits = text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (digits) {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw new FieldException(text, "invalid " + field + ": expected a whole number from 1 to 65535");
    }

    /**
     * Sets the port of an IP address from a separate port field. An address that already carries a port
     * ({@code 192.0.2.1:443}) keeps it when the field is absent or equal, and a different port, or any port on a
     * CIDR block, throws {@link FieldException}.
     *
     * @param valueName the address field in messages, for example {@code ip_address}
     * @param portName  the port field in messages, for example {@code the port field}
     */
    static NormalizedValue withPort(NormalizedValue normalized, String raw, @Nullable Integer port, String valueName,
            String portName) {
        if (port == null || port.equals(normalized.port())) {
            return normalized;
        }
        if (normalized.value().contains("/")) {
            throw new FieldException(raw, String.format(Locale.ROOT,
                    "a CIDR block cannot carry a port, but %s is %d; leave it empty or give a single address",
                    portName, port));
        }
        if (normalized.port() != null) {
            throw new FieldException(raw, String.format(Locale.ROOT, "%s carries port %d but %s is %d", valueName,
                    normalized.port(), portName, port));
        }
        return new NormalizedValue(normalized.type(), normalized.value(), port, normalized.displayName());
    }

    /** A record field that cannot be used; the parser turns it into a rejection of the record. */
    static final class FieldException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String value;

        FieldException(String value, String reason) {
            super(reason, null, false, false);
            this.value = value;
        }

        String value() {
            return value;
        }

        String reason() {
            return getMessage();
        }
    }
}
