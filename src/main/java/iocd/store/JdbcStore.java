package iocd.store;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.stix.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The SQL both stores share. Subclasses supply connections, transactions, the batch lookup of existing rows and
 * the dialect's lock on the stamp state.
 */
abstract class JdbcStore implements IocStore {

    /** Work on one connection; the caller owns the connection and the transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final String INSERT_CURRENT = "INSERT INTO ioc (" + IocRows.COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_VERSION = "INSERT INTO ioc_version (" + IocRows.VERSION_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_CURRENT = "UPDATE ioc SET name = ?, description = ?, confidence = ?, "
            + "modified = ?, valid_from = ?, last_seen = ?, valid_until = ?, tags = ?, kill_chain_phases = ?, "
            + "indicator_types = ?, source_tlp = ?, tlp_rank = ?, reference = ?, revoked = ?, version = ?, seq = ?, "
            + "date_added = ? WHERE id = ?";
    private static final String UPDATE_LAST_SEEN = "UPDATE ioc SET last_seen = ? WHERE id = ?";

    protected final Clock clock;
    protected final IocRows rows;

    JdbcStore(Clock clock, IocRows rows) {
        this.clock = clock;
        this.rows = rows;
    }

    /** Runs read-only work on a connection in auto-commit mode. */
    abstract <T> T read(String operation, SqlWork<T> work);

    /** Runs work in one write transaction; writers are serialised and the transaction commits when work returns. */
    abstract <T> T write(String operation, SqlWork<T> work);

    /** Selects {@code last_seq, last_stamp} from the stamp state; on PostgreSQL this also locks the row. */
    abstract String selectStampStateSql();

    /** Current rows of one type whose value is among {@code values}, keyed by value. */
    abstract Map<String, StoredIoc> findExisting(Connection connection, IocType type, List<String> values)
            throws SQLException;

    // Merge

    @Override
    public MergeResult merge(List<Ioc> batch) {
        return mergeAs(batch, null, null);
    }

    @Override
    public MergeResult merge(List<Ioc> batch, List<Integer> groups, Visibility writer) {
        if (groups.size() != batch.size()) {
            throw new IllegalArgumentException("one group number per item is needed: " + groups.size()
                    + " groups for " + batch.size() + " items");
        }
        return mergeAs(batch, writer, groups);
    }

    private MergeResult mergeAs(List<Ioc> batch, @Nullable Visibility writer, @Nullable List<Integer> groups) {
        if (batch.isEmpty()) {
            return new MergeResult(List.of());
        }
        return write(String.format(Locale.ROOT, "merge a batch of %d IOCs", batch.size()), connection -> {
            // Reading the stamp state first serialises writers (a write lock on SQLite, a row lock on PostgreSQL),
            // so the rows that the clearance check reads cannot change before the plan is written.
            StampState state = readStampState(connection);
            Instant stamp = state.nextStamp(clock.instant());
            MergePolicy.Plan plan = MergePolicy.plan(batch, existing(connection, batch), stamp, state.lastSeq(),
                    UUID::randomUUID, writer, groups);
            writePlan(connection, plan);
            if (plan.writesVersions()) {
                saveStampState(connection, plan.lastSeq(), stamp);
            }
            return plan.result();
        });
    }

    @Override
    public Optional<StoredIoc> revoke(UUID id) {
        return revokeAs(id, null);
    }

    @Override
    public Optional<StoredIoc> revoke(UUID id, Visibility writer) {
        return revokeAs(id, writer);
    }

    private Optional<StoredIoc> revokeAs(UUID id, @Nullable Visibility writer) {
        return write("revoke IOC " + id, connection -> {
            StampState state = readStampState(connection);
            Optional<StoredIoc> current = selectOne(connection,
                    "SELECT " + IocRows.COLUMNS + " FROM ioc WHERE id = ?", id);
            if (current.isPresent() && writer != null && !writer.clears(current.get())) {
                return Optional.empty();
            }
            if (current.isEmpty() || current.get().revoked()) {
                return current;
            }
            Instant stamp = state.nextStamp(clock.instant());
            StoredIoc revoked = MergePolicy.nextVersion(MergePolicy.revoked(current.get()), stamp,
                    state.lastSeq() + 1);
            writePlan(connection, new MergePolicy.Plan(List.of(), List.of(revoked), List.of(), revoked.seq(),
                    new MergeResult(List.of())));
            saveStampState(connection, revoked.seq(), stamp);
            return Optional.of(revoked);
        });
    }

    /**
     * The last seq and stamp handed out.
     *
     * @param lastSeq   highest seq written
     * @param lastStamp stamp of the last transaction that wrote a version
     */
    record StampState(long lastSeq, Instant lastStamp) {
        /**
         * Computes the stamp for a new transaction: now at millisecond precision, but at least one millisecond after
         * the last stamp, so that {@code modified} strictly increases across transactions even when the clock steps
         * back or several transactions fall within one millisecond.
         */
        Instant nextStamp(Instant now) {
            Instant truncated = now.truncatedTo(ChronoUnit.MILLIS);
            Instant minimum = lastStamp.plusMillis(1);
            return truncated.isBefore(minimum) ? minimum : truncated;
        }
    }

    private StampState readStampState(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(selectStampStateSql());
                ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                throw new StoreUnavailableException("The stamp_state table has no row; the schema migration did "
                        + "not complete. Restore the database from a backup or recreate it.");
            }
            return new StampState(row.getLong(1), Timestamps.ofMicros(row.getLong(2)));
        }
    }

    private static void saveStampState(Connection connection, long lastSeq, Instant stamp) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE stamp_state SET last_seq = ?, last_stamp = ? WHERE id = 1")) {
            statement.setLong(1, lastSeq);
            statement.setLong(2, Timestamps.micros(stamp));
            statement.executeUpdate();
        }
    }

    /** Looks up the stored rows of every key in the batch, one query per type present. */
    private Map<MergePolicy.Key, StoredIoc> existing(Connection connection, List<Ioc> batch) throws SQLException {
        Map<IocType, List<String>> valuesByType = new LinkedHashMap<>();
        for (Ioc ioc : batch) {
            valuesByType.computeIfAbsent(ioc.type(), type -> new ArrayList<>()).add(ioc.value());
        }
        Map<MergePolicy.Key, StoredIoc> existing = new HashMap<>();
        for (Map.Entry<IocType, List<String>> entry : valuesByType.entrySet()) {
            List<String> distinct = List.copyOf(new LinkedHashSet<>(entry.getValue()));
            findExisting(connection, entry.getKey(), distinct).forEach((value, stored) ->
                    existing.put(new MergePolicy.Key(entry.getKey(), value), stored));
        }
        return existing;
    }

    private void writePlan(Connection connection, MergePolicy.Plan plan) throws SQLException {
        if (!plan.inserted().isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(INSERT_CURRENT)) {
                for (StoredIoc ioc : plan.inserted()) {
                    rows.bindAll(statement, ioc);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (!plan.updated().isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(UPDATE_CURRENT)) {
                for (StoredIoc ioc : plan.updated()) {
                    int next = rows.bindMutable(statement, 1, ioc, false);
                    rows.ids().bind(statement, next, ioc.id());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (!plan.lastSeenOnly().isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(UPDATE_LAST_SEEN)) {
                for (StoredIoc ioc : plan.lastSeenOnly()) {
                    statement.setLong(1, Timestamps.micros(Objects.requireNonNull(ioc.lastSeen())));
                    rows.ids().bind(statement, 2, ioc.id());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (plan.writesVersions()) {
            try (PreparedStatement statement = connection.prepareStatement(INSERT_VERSION)) {
                for (StoredIoc ioc : plan.inserted()) {
                    rows.bindAll(statement, ioc);
                    statement.addBatch();
                }
                for (StoredIoc ioc : plan.updated()) {
                    rows.bindAll(statement, ioc);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }

    // Reads of single IOCs

    @Override
    public Optional<StoredIoc> findById(UUID id) {
        return read("find IOC " + id, connection ->
                selectOne(connection, "SELECT " + IocRows.COLUMNS + " FROM ioc WHERE id = ?", id));
    }

    @Override
    public Optional<StoredIoc> find(IocType type, String value) {
        return read("find " + type.apiName() + " IOC", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + IocRows.COLUMNS + " FROM ioc WHERE type = ? AND value = ?")) {
                statement.setString(1, type.apiName());
                statement.setString(2, value);
                List<StoredIoc> found = readAll(statement);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    private Optional<StoredIoc> selectOne(Connection connection, String sql, UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            rows.ids().bind(statement, 1, id);
            List<StoredIoc> found = readAll(statement);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    List<StoredIoc> readAll(PreparedStatement statement) throws SQLException {
        List<StoredIoc> found = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                found.add(rows.read(row));
            }
        }
        return found;
    }

    @Override
    public long count() {
        return read("count IOCs", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM ioc");
                    ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    // Listings

    @Override
    public List<StoredIoc> listByModified(ModifiedQuery query) {
        return read("list IOCs by modified", connection -> {
            Sql sql = currentSince(query.since(), query.visibility());
            typeCondition(sql, "type", query.types());
            return byModifiedAfter(sql, query.after(), query.visibility(), query.limit()).query(connection);
        });
    }

    @Override
    public List<StoredIoc> search(SearchQuery query) {
        return read("search IOCs", connection -> {
            Sql sql = currentSince(query.since(), query.visibility());
            String value = query.value();
            // An exact value without a type still seeks the (type, value) index once per type.
            boolean everyType = query.types().isEmpty() && value != null && !query.valuePrefix();
            typeCondition(sql, "type", everyType ? EnumSet.allOf(IocType.class) : query.types());
            if (value != null && query.valuePrefix()) {
                // substr, not LIKE: SQLite's LIKE ignores ASCII case and URL paths are case-sensitive.
                int length = value.codePointCount(0, value.length());
                sql.append(" AND substr(value, 1, ?) = ?");
                sql.param((statement, i) -> statement.setInt(i, length));
                sql.param((statement, i) -> statement.setString(i, value));
            } else if (value != null) {
                sql.append(" AND value = ?");
                sql.param((statement, i) -> statement.setString(i, value));
            }
            if (query.tag() != null) {
                // Tags are stored as a JSON array, so the quoted tag matches one whole element.
                String element = "%" + likeEscape(IocRows.toJson(List.of(query.tag().toLowerCase(Locale.ROOT)))
                        .replaceAll("^\\[|\\]$", "")) + "%";
                sql.append(" AND lower(tags) LIKE ? ESCAPE '!'");
                sql.param((statement, i) -> statement.setString(i, element));
            }
            return byModifiedAfter(sql, query.after(), query.visibility(), query.limit()).query(connection);
        });
    }

    /** Starts a query over current rows modified at or after {@code since}, but never before the lookback. */
    private Sql currentSince(Instant since, Visibility visibility) {
        Instant from = since.isAfter(visibility.lookbackStart()) ? since : visibility.lookbackStart();
        Sql sql = new Sql("SELECT " + IocRows.COLUMNS + " FROM ioc WHERE modified >= ?");
        sql.param((statement, i) -> statement.setLong(i, Timestamps.micros(from)));
        return sql;
    }

    /** Ends a query over current rows: keyset cursor, TLP clearance, {@code (modified, id)} order and limit. */
    private Sql byModifiedAfter(Sql sql, ModifiedQuery.@Nullable Cursor after, Visibility visibility, int limit) {
        if (after != null) {
            sql.append(" AND (modified, id) > (?, ?)");
            sql.param((statement, i) -> statement.setLong(i, Timestamps.micros(after.modified())));
            sql.param((statement, i) -> rows.ids().bind(statement, i, after.id()));
        }
        tlpCondition(sql, visibility);
        sql.append(" ORDER BY modified, id LIMIT ?");
        sql.param((statement, i) -> statement.setInt(i, limit));
        return sql;
    }

    private static String likeEscape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Override
    public List<StoredIoc> listByDateAdded(DateAddedQuery query) {
        VersionFilter filter = query.versions();
        if (!filter.all() && !filter.first() && !filter.last() && filter.exact().isEmpty()) {
            return List.of();
        }
        boolean currentOnly = !filter.all() && filter.last() && !filter.first() && filter.exact().isEmpty();
        return read("list IOC versions by date added", connection -> {
            Sql sql = currentOnly
                    ? new Sql("SELECT " + IocRows.COLUMNS + " FROM ioc v WHERE 1 = 1")
                    : new Sql("SELECT " + IocRows.VERSION_COLUMNS + " FROM ioc_version v WHERE 1 = 1");
            afterSeqCondition(connection, sql, query.afterSeq());
            if (query.addedAfter() != null) {
                long addedAfter = Timestamps.micros(query.addedAfter());
                sql.append(" AND date_added > ?");
                sql.param((statement, i) -> statement.setLong(i, addedAfter));
            }
            typeCondition(sql, "type", query.types());
            idCondition(sql, currentOnly ? "id" : "ioc_id", query.ids());
            if (!currentOnly && !filter.all()) {
                versionCondition(sql, filter);
            }
            visibilityCondition(sql, query.visibility());
            sql.append(" ORDER BY date_added, seq LIMIT ?");
            sql.param((statement, i) -> statement.setInt(i, query.limit()));
            return sql.query(connection);
        });
    }

    @Override
    public List<StoredIoc> versions(UUID id, Visibility visibility) {
        return read("list versions of IOC " + id, connection -> {
            Sql sql = new Sql("SELECT " + IocRows.VERSION_COLUMNS + " FROM ioc_version WHERE ioc_id = ?");
            sql.param((statement, i) -> rows.ids().bind(statement, i, id));
            visibilityCondition(sql, visibility);
            sql.append(" ORDER BY version");
            return sql.query(connection);
        });
    }

    /**
     * Turns the seq cursor into a {@code (date_added, seq)} bound, so that the query seeks straight to it in the
     * {@code (date_added, seq)} index instead of scanning from the start. Seq and date added ascend together
     * because writers are serialised.
     */
    private void afterSeqCondition(Connection connection, Sql sql, long afterSeq) throws SQLException {
        if (afterSeq <= 0) {
            return;
        }
        Long dateAdded = null;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT date_added FROM ioc_version WHERE seq = ?")) {
            statement.setLong(1, afterSeq);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    dateAdded = row.getLong(1);
                }
            }
        }
        if (dateAdded == null) {
            // A seq that was never written (a cursor from another database): still correct, only slower.
            sql.append(" AND seq > ?");
            sql.param((statement, i) -> statement.setLong(i, afterSeq));
            return;
        }
        long bound = dateAdded;
        sql.append(" AND (date_added, seq) > (?, ?)");
        sql.param((statement, i) -> statement.setLong(i, bound));
        sql.param((statement, i) -> statement.setLong(i, afterSeq));
    }

    private static void versionCondition(Sql sql, VersionFilter filter) {
        List<String> alternatives = new ArrayList<>();
        if (filter.first()) {
            alternatives.add("version = 1");
        }
        if (filter.last()) {
            // NOTE: read from the version table, the current version carries the last seen of the moment it was
            // written. A later last-seen update changes only the current table (VersionFilter.LAST alone reads that).
            alternatives.add("seq = (SELECT c.seq FROM ioc c WHERE c.id = v.ioc_id)");
        }
        if (!filter.exact().isEmpty()) {
            alternatives.add("modified IN (" + placeholders(filter.exact().size()) + ")");
            for (Instant modified : filter.exact()) {
                sql.param((statement, i) -> statement.setLong(i, Timestamps.micros(modified)));
            }
        }
        sql.append(" AND (" + String.join(" OR ", alternatives) + ")");
    }

    private void visibilityCondition(Sql sql, Visibility visibility) {
        sql.append(" AND modified >= ?");
        sql.param((statement, i) -> statement.setLong(i, Timestamps.micros(visibility.lookbackStart())));
        tlpCondition(sql, visibility);
    }

    /**
     * Keeps rows whose base TLP (the stricter of the source marking and the confidence default) is within the
     * reader's clearance: the source rank must be within it, and below GREEN clearance the confidence must not
     * lift the IOC to GREEN.
     */
    private static void tlpCondition(Sql sql, Visibility visibility) {
        Tlp clearance = visibility.clearance();
        if (clearance == Tlp.RED) {
            return;
        }
        sql.append(" AND tlp_rank <= ?");
        sql.param((statement, i) -> statement.setInt(i, clearance.ordinal()));
        if (clearance.compareTo(Tlp.GREEN) < 0) {
            sql.append(" AND (confidence IS NULL OR confidence < ?)");
            sql.param((statement, i) -> statement.setInt(i, visibility.greenThreshold()));
        }
    }

    private static void typeCondition(Sql sql, String column, Collection<IocType> types) {
        if (types.isEmpty()) {
            return;
        }
        sql.append(" AND " + column + " IN (" + placeholders(types.size()) + ")");
        for (IocType type : types) {
            sql.param((statement, i) -> statement.setString(i, type.apiName()));
        }
    }

    private void idCondition(Sql sql, String column, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        sql.append(" AND " + column + " IN (" + placeholders(ids.size()) + ")");
        for (UUID id : ids) {
            sql.param((statement, i) -> rows.ids().bind(statement, i, id));
        }
    }

    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** A query assembled from conditions, with its parameters in placeholder order. */
    final class Sql {
        private final StringBuilder text;
        private final List<Binder> params = new ArrayList<>();

        Sql(String start) {
            this.text = new StringBuilder(start);
        }

        void append(String fragment) {
            text.append(fragment);
        }

        void param(Binder binder) {
            params.add(binder);
        }

        List<StoredIoc> query(Connection connection) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(text.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    params.get(i).bind(statement, i + 1);
                }
                return readAll(statement);
            }
        }
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    // API keys

    @Override
    public void insertKey(ApiKeyRecord key) {
        write("insert API key " + key.id(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO api_keys "
                    + "(id, name, plan, clearance, hash, prefix, created, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                statement.setString(1, key.id());
                statement.setString(2, key.name());
                statement.setString(3, key.plan());
                statement.setString(4, key.clearance().apiName());
                statement.setString(5, key.hash());
                statement.setString(6, key.prefix());
                statement.setLong(7, Timestamps.micros(key.created()));
                if (key.revoked() == null) {
                    statement.setNull(8, Types.BIGINT);
                } else {
                    statement.setLong(8, Timestamps.micros(key.revoked()));
                }
                statement.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<ApiKeyRecord> findKeyByHash(String hash) {
        return read("find API key by hash", connection -> first(selectKeys(connection, "WHERE hash = ?", hash)));
    }

    @Override
    public Optional<ApiKeyRecord> findKeyById(String id) {
        return read("find API key " + id, connection -> first(selectKeys(connection, "WHERE id = ?", id)));
    }

    @Override
    public List<ApiKeyRecord> listKeys() {
        return read("list API keys", connection -> selectKeys(connection, "ORDER BY created, id", null));
    }

    @Override
    public boolean revokeKey(String id, Instant when) {
        return write("revoke API key " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE api_keys SET revoked = COALESCE(revoked, ?) WHERE id = ?")) {
                statement.setLong(1, Timestamps.micros(when));
                statement.setString(2, id);
                return statement.executeUpdate() > 0;
            }
        });
    }

    private static List<ApiKeyRecord> selectKeys(Connection connection, String where, @Nullable String param)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, name, plan, clearance, hash, prefix, created, revoked FROM api_keys " + where)) {
            if (param != null) {
                statement.setString(1, param);
            }
            List<ApiKeyRecord> keys = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    keys.add(readKey(row));
                }
            }
            return keys;
        }
    }

    private static ApiKeyRecord readKey(ResultSet row) throws SQLException {
        String id = row.getString(1);
        String clearanceName = row.getString(4);
        Tlp clearance = Tlp.parse(clearanceName).orElseThrow(() -> new StoreUnavailableException(String.format(
                Locale.ROOT, "API key %s has an unknown clearance '%s' in the database; repair the row or revoke "
                        + "the key and create a new one.", id, clearanceName)));
        long revoked = row.getLong(8);
        Instant revokedAt = row.wasNull() ? null : Timestamps.ofMicros(revoked);
        return new ApiKeyRecord(id, row.getString(2), row.getString(3), clearance, row.getString(5),
                row.getString(6), Timestamps.ofMicros(row.getLong(7)), revokedAt);
    }

    private static <T> Optional<T> first(List<T> found) {
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    // TAXII statuses

    @Override
    public void saveStatus(UUID id, String json, Instant expires) {
        write("save TAXII status " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM taxii_status WHERE expires <= ?")) {
                statement.setLong(1, Timestamps.micros(clock.instant()));
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO taxii_status "
                    + "(id, json, expires) VALUES (?, ?, ?) "
                    + "ON CONFLICT (id) DO UPDATE SET json = excluded.json, expires = excluded.expires")) {
                rows.ids().bind(statement, 1, id);
                statement.setString(2, json);
                statement.setLong(3, Timestamps.micros(expires));
                statement.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<String> findStatus(UUID id, Instant now) {
        return read("find TAXII status " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT json FROM taxii_status WHERE id = ? AND expires > ?")) {
                rows.ids().bind(statement, 1, id);
                statement.setLong(2, Timestamps.micros(now));
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    // Settings

    @Override
    public String getOrCreateSetting(String key, String initial) {
        return write("read or create setting " + key, connection -> {
            // Insert-if-absent then read: two nodes racing both read the one row that won.
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")) {
                statement.setString(1, key);
                statement.setString(2, initial);
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT value FROM settings WHERE key = ?")) {
                statement.setString(1, key);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getString(1);
                }
            }
        });
    }

    @Override
    public void ping() {
        // Reads the row the first migration creates, so a reachable database without the schema (restored empty,
        // or the wrong database) fails the check too.
        read("ping the database", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT last_seq FROM stamp_state WHERE id = 1");
                    ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new StoreUnavailableException("The stamp_state table has no row; the schema migration "
                            + "did not complete. Restart iocd so it applies the migrations.");
                }
                return null;
            }
        });
    }
}
