package iocd.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.stix.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Maps {@link StoredIoc} to and from the columns shared by the {@code ioc} and {@code ioc_version} tables. Both
 * tables list these columns in {@link #COLUMNS} order (the version table names the id {@code ioc_id}), and rows
 * are read by position.
 */
final class IocRows {
    /** Every column of the current table, in binding and reading order. */
    static final String COLUMNS = "id, type, value, name, description, confidence, created, modified, valid_from, "
            + "last_seen, valid_until, tags, kill_chain_phases, indicator_types, source_tlp, tlp_rank, reference, "
            + "revoked, version, seq, date_added";
    /** The same columns of the version table. */
    static final String VERSION_COLUMNS = "ioc_id" + COLUMNS.substring("id".length());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader LIST_READER = JSON.readerFor(new TypeReference<List<String>>() {
    });
    private static final ObjectWriter LIST_WRITER = JSON.writerFor(new TypeReference<List<String>>() {
    });
    private static final String EMPTY_LIST = "[]";

    private final IdColumn ids;

    /** The column type of UUIDs in one dialect: native {@code uuid} on PostgreSQL, a 16-byte blob on SQLite. */
    interface IdColumn {
        void bind(PreparedStatement statement, int index, UUID id) throws SQLException;

        UUID read(ResultSet row, int index) throws SQLException;
    }

    IocRows(IdColumn ids) {
        this.ids = ids;
    }

    IdColumn ids() {
        return ids;
    }

    /** Binds all columns of {@code ioc} starting at parameter 1 and returns the next free parameter index. */
    int bindAll(PreparedStatement statement, StoredIoc ioc) throws SQLException {
        ids.bind(statement, 1, ioc.id());
        statement.setString(2, ioc.type().apiName());
        statement.setString(3, ioc.value());
        return bindMutable(statement, 4, ioc, true);
    }

    /**
     * Binds the columns that can change between versions, from {@code name} to {@code date_added}, with or without
     * {@code created} (which an update never rewrites).
     */
    int bindMutable(PreparedStatement statement, int start, StoredIoc ioc, boolean withCreated) throws SQLException {
        int i = start;
        setNullableString(statement, i++, ioc.name());
        setNullableString(statement, i++, ioc.description());
        if (ioc.confidence() == null) {
            statement.setNull(i++, Types.INTEGER);
        } else {
            statement.setInt(i++, ioc.confidence());
        }
        if (withCreated) {
            statement.setLong(i++, Timestamps.micros(ioc.created()));
        }
        statement.setLong(i++, Timestamps.micros(ioc.modified()));
        statement.setLong(i++, Timestamps.micros(ioc.validFrom()));
        setNullableTime(statement, i++, ioc.lastSeen());
        setNullableTime(statement, i++, ioc.validUntil());
        statement.setString(i++, toJson(ioc.tags()));
        statement.setString(i++, toJson(ioc.killChainPhases()));
        statement.setString(i++, toJson(ioc.indicatorTypes()));
        setNullableString(statement, i++, ioc.sourceTlp() == null ? null : ioc.sourceTlp().apiName());
        statement.setInt(i++, tlpRank(ioc.sourceTlp()));
        setNullableString(statement, i++, ioc.reference());
        statement.setBoolean(i++, ioc.revoked());
        statement.setInt(i++, ioc.version());
        statement.setLong(i++, ioc.seq());
        statement.setLong(i++, Timestamps.micros(ioc.dateAdded()));
        return i;
    }

    /** Reads a row selected with {@link #COLUMNS} or {@link #VERSION_COLUMNS}. */
    StoredIoc read(ResultSet row) throws SQLException {
        UUID id = ids.read(row, 1);
        String typeName = row.getString(2);
        IocType type = IocType.fromApiName(typeName).orElseThrow(() -> corrupt(id,
                "unknown type '" + typeName + "' (known types: " + IocType.apiNames() + ")"));
        int confidence = row.getInt(6);
        Integer nullableConfidence = row.wasNull() ? null : confidence;
        return new StoredIoc(id, type, row.getString(3), row.getString(4), row.getString(5), nullableConfidence,
                time(row, 7), time(row, 8), time(row, 9), nullableTime(row, 10), nullableTime(row, 11),
                fromJson(id, "tags", row.getString(12)),
                fromJson(id, "kill_chain_phases", row.getString(13)),
                fromJson(id, "indicator_types", row.getString(14)),
                tlp(id, row.getString(15)), row.getString(17), row.getBoolean(18), row.getInt(19), row.getLong(20),
                time(row, 21));
    }

    /** Rank of a source marking in the {@code tlp_rank} column: an unmarked IOC ranks as CLEAR. */
    static int tlpRank(@Nullable Tlp tlp) {
        return tlp == null ? Tlp.CLEAR.ordinal() : tlp.ordinal();
    }

    static String toJson(List<String> values) {
        if (values.isEmpty()) {
            return EMPTY_LIST;
        }
        try {
            return LIST_WRITER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    private static List<String> fromJson(UUID id, String column, @Nullable String json) {
        if (json == null) {
            throw corrupt(id, column + " is null");
        }
        if (json.equals(EMPTY_LIST)) {
            return List.of();
        }
        try {
            return LIST_READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new StoreUnavailableException(String.format(Locale.ROOT,
                    "IOC %s has a corrupt %s column (expected a JSON array of strings): %s", id, column,
                    e.getOriginalMessage()), e);
        }
    }

    private static @Nullable Tlp tlp(UUID id, @Nullable String name) {
        if (name == null) {
            return null;
        }
        return Tlp.parse(name).orElseThrow(() -> corrupt(id, "unknown source TLP '" + name + "'"));
    }

    private static StoreUnavailableException corrupt(UUID id, String problem) {
        return new StoreUnavailableException(String.format(Locale.ROOT,
                "IOC %s cannot be read from the database: %s. The row was written by another program or a newer "
                        + "iocd; repair the row or upgrade iocd.", id, problem));
    }

    private static Instant time(ResultSet row, int index) throws SQLException {
        return Timestamps.ofMicros(row.getLong(index));
    }

    private static @Nullable Instant nullableTime(ResultSet row, int index) throws SQLException {
        long micros = row.getLong(index);
        return row.wasNull() ? null : Timestamps.ofMicros(micros);
    }

    private static void setNullableTime(PreparedStatement statement, int index, @Nullable Instant time)
            throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, Timestamps.micros(time));
        }
    }

    private static void setNullableString(PreparedStatement statement, int index, @Nullable String value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
