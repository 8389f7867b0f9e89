package iocd.store;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Decides what merging a batch does, without touching a database, so that both stores apply the same rules.
 *
 * <p>Rules for an IOC that is already stored: first seen (valid from) takes the earlier value, last seen the later,
 * confidence the higher known value, tags, kill chain phases and indicator types the sorted union (tags compared
 * case-insensitively, first spelling kept), the source TLP the stricter, valid until the later; name, description
 * and reference keep the stored value unless it is null. A valid until that is not strictly after valid from is
 * dropped. Any change except last seen is material and makes a new version; last seen alone is updated in place.
 *
 * <p>Revocation is permanent, as STIX 2.1 requires: a revoked IOC that a source reports again stays revoked and
 * gets no new version, only its last seen moves.
 *
 * <p>All versions written in one transaction share one stamp, so an IOC gets at most one new version per batch:
 * a later duplicate in the same batch amends that pending version instead of adding another one.
 */
final class MergePolicy {

    private MergePolicy() {
    }

    /** The store key of an IOC. */
    record Key(IocType type, String value) {
        static Key of(Ioc ioc) {
            return new Key(ioc.type(), ioc.value());
        }
    }

    /**
     * What the store must write for one merge.
     *
     * @param inserted   new IOCs: insert a current row and a version row
     * @param updated    existing IOCs with a new version: rewrite the current row and insert a version row
     * @param lastSeenOnly existing IOCs whose last seen moved and nothing else: update the current row in place
     * @param lastSeq    the highest seq handed out, equal to the previous one when no version was written
     * @param result     outcomes in input order, each with the IOC's final state
     */
    record Plan(List<StoredIoc> inserted, List<StoredIoc> updated, List<StoredIoc> lastSeenOnly, long lastSeq,
            MergeResult result) {

        boolean writesVersions() {
            return !inserted.isEmpty() || !updated.isEmpty();
        }
    }

    /** Per-key working state while a batch is folded. */
    private static final class Entry {
        private final boolean isNew;
        private StoredIoc state;
        private boolean versioned;
        private boolean lastSeenMoved;

        Entry(StoredIoc state, boolean isNew) {
            this.state = state;
            this.isNew = isNew;
            this.versioned = isNew;
        }
    }

    /**
     * Folds a batch into the stored state.
     *
     * @param batch    incoming IOCs in input order
     * @param existing current rows of the batch's keys that are already stored
     * @param stamp    the transaction's stamp (millisecond precision): modified and date added of every new version
     * @param lastSeq  the last seq handed out before this transaction
     * @param newId    source of ids for new IOCs
     * @param writer   the submitting key's clearance, whose items are checked by {@link #clearanceRejection}, or
     *                 null for the operator's own imports, which may change every IOC
     * @param groups   one group number per item, whose items are rejected together, or null for no groups
     */
    static Plan plan(List<Ioc> batch, Map<Key, StoredIoc> existing, Instant stamp, long lastSeq,
            Supplier<UUID> newId, @Nullable Visibility writer, @Nullable List<Integer> groups) {
        Map<Key, Entry> entries = new LinkedHashMap<>();
        List<Key> keys = new ArrayList<>(batch.size());
        List<MergeResult.Outcome> outcomes = new ArrayList<>(batch.size());
        List<@Nullable String> rejections = rejections(batch, existing, writer, groups);
        long seq = lastSeq;

        for (int i = 0; i < batch.size(); i++) {
            Ioc ioc = batch.get(i);
            Key key = Key.of(ioc);
            keys.add(key);
            Entry entry = entries.get(key);
            StoredIoc stored = existing.get(key);
            if (rejections.get(i) != null) {
                outcomes.add(MergeResult.Outcome.REJECTED);
                continue;
            }
            if (entry == null && stored == null) {
                seq++;
                entries.put(key, new Entry(create(ioc, newId.get(), stamp, seq), true));
                outcomes.add(MergeResult.Outcome.NEW);
                continue;
            }
            if (entry == null) {
                entry = new Entry(stored, false);
                entries.put(key, entry);
            }
            StoredIoc merged = combine(entry.state, ioc);
            if (!isMaterialChange(entry.state, merged)) {
                entry.lastSeenMoved |= !Objects.equals(entry.state.lastSeen(), merged.lastSeen());
                entry.state = merged;
                outcomes.add(MergeResult.Outcome.UNCHANGED);
            } else if (entry.versioned) {
                // Already stamped in this transaction: amend the pending version.
                entry.state = merged;
                outcomes.add(entry.isNew ? MergeResult.Outcome.NEW : MergeResult.Outcome.UPDATED);
            } else {
                seq++;
                entry.state = nextVersion(merged, stamp, seq);
                entry.versioned = true;
                outcomes.add(MergeResult.Outcome.UPDATED);
            }
        }
        return toPlan(entries, keys, outcomes, rejections, seq);
    }

    /**
     * Decides which items a writer may not submit, before anything is planned, so that a group can be rejected
     * whole. Checking against the stored rows alone is enough: an item the writer may submit never lifts a pending
     * state above its clearance, so a later item of the same value gets the same result.
     */
    private static List<@Nullable String> rejections(List<Ioc> batch, Map<Key, StoredIoc> existing,
            @Nullable Visibility writer, @Nullable List<Integer> groups) {
        List<@Nullable String> rejections = new ArrayList<>(batch.size());
        for (Ioc ioc : batch) {
            rejections.add(writer == null ? null : clearanceRejection(ioc, existing.get(Key.of(ioc)), writer));
        }
        if (groups == null) {
            return rejections;
        }
        Map<Integer, String> groupReasons = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            String reason = rejections.get(i);
            if (reason != null) {
                groupReasons.putIfAbsent(groups.get(i), reason);
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            String reason = groupReasons.get(groups.get(i));
            if (rejections.get(i) == null && reason != null) {
                rejections.set(i, "not stored because another value of the same object was rejected: " + reason);
            }
        }
        return rejections;
    }

    /**
     * Returns why a key with the writer's clearance may not submit an IOC, or null when it may. A key may create
     * IOCs and change IOCs that it can read by TLP, and nothing else. The plan's lookback is not applied: it
     * limits how far back a key may page, it marks nothing as secret, and a source reporting an old value again
     * must still be able to refresh it.
     *
     * @param target the IOC's state before this item: stored, or pending from an earlier item of the batch
     */
    static @Nullable String clearanceRejection(Ioc ioc, @Nullable StoredIoc target, Visibility writer) {
        Tlp clearance = writer.clearance();
        // The submitted marking is checked first and from the item alone, so the response to an over-marked item does
        // not depend on what is stored. Such an item is rejected even for a new value, because the key could never
        // read or correct it again. A merge also keeps the stricter marking, so accepting it would let a writer hide
        // an IOC from every reader at its own clearance.
        Tlp marking = StoredIoc.baseTlp(ioc.sourceTlp(), ioc.confidence(), writer.greenThreshold());
        if (marking.compareTo(clearance) > 0) {
            return String.format(Locale.ROOT, "the item's TLP marking and confidence make it %s, above the "
                    + "submitting key's TLP clearance (%s), so the key could not read it back; lower the marking "
                    + "or submit it with a key cleared for %s", marking.stixName(), clearance.stixName(),
                    marking.stixName());
        }
        if (target != null && !writer.clears(target)) {
            // NOTE: this rejection shows the writer that the value is stored above its clearance. Hiding that would
            // mean merging into an IOC the key cannot read or keeping a second IOC for the same value. The id, the
            // version and every stored field stay hidden.
            return String.format(Locale.ROOT, "this value cannot be changed with the submitting key's TLP "
                    + "clearance (%s)", clearance.stixName());
        }
        return null;
    }

    private static Plan toPlan(Map<Key, Entry> entries, List<Key> keys, List<MergeResult.Outcome> outcomes,
            List<@Nullable String> rejections, long lastSeq) {
        List<StoredIoc> inserted = new ArrayList<>();
        List<StoredIoc> updated = new ArrayList<>();
        List<StoredIoc> lastSeenOnly = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.isNew) {
                inserted.add(entry.state);
            } else if (entry.versioned) {
                updated.add(entry.state);
            } else if (entry.lastSeenMoved) {
                lastSeenOnly.add(entry.state);
            }
        }
        List<MergeResult.Item> items = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            String rejection = rejections.get(i);
            items.add(rejection != null ? MergeResult.Item.rejected(rejection)
                    : new MergeResult.Item(outcomes.get(i), entries.get(keys.get(i)).state));
        }
        return new Plan(inserted, updated, lastSeenOnly, lastSeq, new MergeResult(items));
    }

    /** Version 1 of a new IOC. */
    static StoredIoc create(Ioc ioc, UUID id, Instant stamp, long seq) {
        Instant validFrom = ioc.firstSeen() == null ? stamp : toMillis(ioc.firstSeen());
        return new StoredIoc(id, ioc.type(), ioc.value(), ioc.name(), ioc.description(), ioc.confidence(),
                stamp, stamp, validFrom, toMillis(ioc.lastSeen()), validUntil(validFrom, toMillis(ioc.validUntil())),
                unionTags(List.of(), ioc.tags()), union(List.of(), ioc.killChainPhases()),
                union(List.of(), ioc.indicatorTypes()), ioc.sourceTlp(), ioc.reference(), ioc.revoked(),
                1, seq, stamp);
    }

    /** The stored state with the incoming report merged in; version, seq and stamps stay as they are. */
    static StoredIoc combine(StoredIoc stored, Ioc ioc) {
        Instant lastSeen = later(stored.lastSeen(), toMillis(ioc.lastSeen()));
        if (stored.revoked()) {
            return withLastSeen(stored, lastSeen);
        }
        Instant validFrom = earlier(stored.validFrom(), toMillis(ioc.firstSeen()));
        Instant validUntil = validUntil(validFrom, later(stored.validUntil(), toMillis(ioc.validUntil())));
        return new StoredIoc(stored.id(), stored.type(), stored.value(),
                stored.name() != null ? stored.name() : ioc.name(),
                stored.description() != null ? stored.description() : ioc.description(),
                maxConfidence(stored.confidence(), ioc.confidence()),
                stored.created(), stored.modified(), validFrom, lastSeen, validUntil,
                unionTags(stored.tags(), ioc.tags()),
                union(stored.killChainPhases(), ioc.killChainPhases()),
                union(stored.indicatorTypes(), ioc.indicatorTypes()),
                stricter(stored.sourceTlp(), ioc.sourceTlp()),
                stored.reference() != null ? stored.reference() : ioc.reference(),
                stored.revoked() || ioc.revoked(),
                stored.version(), stored.seq(), stored.dateAdded());
    }

    /** True when anything other than last seen differs. */
    static boolean isMaterialChange(StoredIoc before, StoredIoc after) {
        return !withLastSeen(after, before.lastSeen()).equals(before);
    }

    /** The next version of an IOC, stamped by the current transaction. */
    static StoredIoc nextVersion(StoredIoc merged, Instant stamp, long seq) {
        return new StoredIoc(merged.id(), merged.type(), merged.value(), merged.name(), merged.description(),
                merged.confidence(), merged.created(), stamp, merged.validFrom(), merged.lastSeen(),
                merged.validUntil(), merged.tags(), merged.killChainPhases(), merged.indicatorTypes(),
                merged.sourceTlp(), merged.reference(), merged.revoked(), merged.version() + 1, seq, stamp);
    }

    /** The revoked form of an IOC, before it is stamped as a new version. */
    static StoredIoc revoked(StoredIoc stored) {
        return new StoredIoc(stored.id(), stored.type(), stored.value(), stored.name(), stored.description(),
                stored.confidence(), stored.created(), stored.modified(), stored.validFrom(), stored.lastSeen(),
                stored.validUntil(), stored.tags(), stored.killChainPhases(), stored.indicatorTypes(),
                stored.sourceTlp(), stored.reference(), true, stored.version(), stored.seq(), stored.dateAdded());
    }

    private static StoredIoc withLastSeen(StoredIoc stored, @Nullable Instant lastSeen) {
        return new StoredIoc(stored.id(), stored.type(), stored.value(), stored.name(), stored.description(),
                stored.confidence(), stored.created(), stored.modified(), stored.validFrom(), lastSeen,
                stored.validUntil(), stored.tags(), stored.killChainPhases(), stored.indicatorTypes(),
                stored.sourceTlp(), stored.reference(), stored.revoked(), stored.version(), stored.seq(),
                stored.dateAdded());
    }

    /**
     * Truncates a source time to milliseconds, the precision STIX output uses, so that "valid until strictly after
     * valid from" holds in the output as well as in the store.
     */
    private static @Nullable Instant toMillis(@Nullable Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static @Nullable Instant validUntil(Instant validFrom, @Nullable Instant validUntil) {
        return validUntil != null && validUntil.isAfter(validFrom) ? validUntil : null;
    }

    private static Instant earlier(Instant stored, @Nullable Instant incoming) {
        return incoming != null && incoming.isBefore(stored) ? incoming : stored;
    }

    private static @Nullable Instant later(@Nullable Instant stored, @Nullable Instant incoming) {
        if (stored == null) {
            return incoming;
        }
        return incoming != null && incoming.isAfter(stored) ? incoming : stored;
    }

    private static @Nullable Integer maxConfidence(@Nullable Integer stored, @Nullable Integer incoming) {
        if (stored == null) {
            return incoming;
        }
        return incoming != null && incoming > stored ? incoming : stored;
    }

    private static @Nullable Tlp stricter(@Nullable Tlp stored, @Nullable Tlp incoming) {
        if (stored == null) {
            return incoming;
        }
        return incoming == null ? stored : stored.stricter(incoming);
    }

    private static List<String> union(Collection<String> stored, Collection<String> incoming) {
        TreeSet<String> all = new TreeSet<>(stored);
        for (String value : incoming) {
            String trimmed = value.strip();
            if (!trimmed.isEmpty()) {
                all.add(trimmed);
            }
        }
        return List.copyOf(all);
    }

    /** Union of tags that treats spellings differing only in case as one tag and keeps the first spelling. */
    private static List<String> unionTags(Collection<String> stored, Collection<String> incoming) {
        Map<String, String> byLowercase = new TreeMap<>();
        for (String tag : stored) {
            byLowercase.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
        }
        for (String tag : incoming) {
            String trimmed = tag.strip();
            if (!trimmed.isEmpty()) {
                byLowercase.putIfAbsent(trimmed.toLowerCase(Locale.ROOT), trimmed);
            }
        }
        return List.copyOf(byLowercase.values());
    }
}
