package iocd.store;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Persistent IOC state: current versions, the append-only version history, API keys and TAXII statuses.
 *
 * <p>Every write transaction stamps the versions it creates with strictly increasing {@code seq} numbers and one
 * {@code date_added}; writes are serialised, so a reader paging by {@code (date_added, seq)} or
 * {@code (modified, id)} never skips a row that commits later. Implementations are thread-safe.
 */
public interface IocStore extends AutoCloseable {

    /**
     * Merges a batch in one transaction: a new (type, value) becomes version 1; an existing one takes the later
     * last seen, the higher confidence and the union of tags, and gets a new version only when something
     * material changed. Either the whole batch is stored or none of it.
     *
     * @param batch IOCs in canonical form; the same (type, value) may appear more than once
     * @return one outcome per input, in input order
     */
    MergeResult merge(List<Ioc> batch);

    /**
     * Merges a batch that an API key submitted, like {@link #merge(List)} but limited to what the key may read by
     * TLP. An item is {@linkplain MergeResult.Outcome#REJECTED rejected}, and nothing of it stored, when its own
     * marking and confidence give it a base TLP above {@code writer.clearance()}, or when its (type, value) is
     * stored with a base TLP above that clearance. The other items are merged in the same transaction. The
     * clearance check reads the rows inside that transaction, so no other writer can change a row's marking
     * between the check and the write. {@code writer.lookbackStart()} is ignored.
     *
     * <p>A rejected item's reason names neither the stored IOC's id nor its version or fields, but it does tell the
     * writer that the value is stored above its clearance.
     *
     * @param batch  IOCs in canonical form; the same (type, value) may appear more than once
     * @param writer the submitting key's clearance and the green threshold for unmarked IOCs
     * @return one outcome per input, in input order
     */
    default MergeResult merge(List<Ioc> batch, Visibility writer) {
        return merge(batch, java.util.stream.IntStream.range(0, batch.size()).boxed().toList(), writer);
    }

    /**
     * Merges like {@link #merge(List, Visibility)}, with the items that share a group number stored all or
     * nothing: when one item of a group is rejected, every item of that group is rejected with it. A STIX object
     * whose pattern names several values is one group, so it is never stored in part.
     *
     * @param groups one group number per item of {@code batch}
     */
    MergeResult merge(List<Ioc> batch, List<Integer> groups, Visibility writer);

    /** Current version of an IOC by id, whatever its visibility. */
    Optional<StoredIoc> findById(UUID id);

    /** Current version of an IOC by type and canonical value. */
    Optional<StoredIoc> find(IocType type, String value);

    /** Current versions by {@code (modified, id)}; see {@link ModifiedQuery}. */
    List<StoredIoc> listByModified(ModifiedQuery query);

    /**
     * Current versions matching a REST search, by {@code (modified, id)}; see {@link SearchQuery}. An exact value
     * uses the (type, value) index; a prefix or a tag scans the rows in the time window.
     */
    List<StoredIoc> search(SearchQuery query);

    /** Versions by {@code (date_added, seq)}; see {@link DateAddedQuery}. */
    List<StoredIoc> listByDateAdded(DateAddedQuery query);

    /** Every version of one IOC that the reader may see, oldest first. */
    List<StoredIoc> versions(UUID id, Visibility visibility);

    /**
     * Revokes an IOC by writing a new version with {@code revoked = true}; history stays.
     *
     * @return the revoked version, or empty when the id is unknown; an already revoked IOC is returned unchanged
     */
    Optional<StoredIoc> revoke(UUID id);

    /**
     * Revokes an IOC like {@link #revoke(UUID)}, but only when its base TLP is within {@code writer.clearance()}.
     * The check reads the row inside the revoking transaction, so a marking raised by another writer after the
     * caller's own visibility check still stops the revocation. {@code writer.lookbackStart()} is ignored.
     *
     * @return the revoked version, or empty when the id is unknown or the IOC is above the clearance
     */
    Optional<StoredIoc> revoke(UUID id, Visibility writer);

    /** Number of IOCs (current versions) stored. */
    long count();

    // API keys

    void insertKey(ApiKeyRecord key);

    Optional<ApiKeyRecord> findKeyByHash(String hash);

    Optional<ApiKeyRecord> findKeyById(String id);

    List<ApiKeyRecord> listKeys();

    /** Marks a key revoked; returns false when the id is unknown. */
    boolean revokeKey(String id, Instant when);

    // TAXII status resources

    /** Stores a status resource document (JSON) until {@code expires}. */
    void saveStatus(UUID id, String json, Instant expires);

    /** A status document that has not expired. */
    Optional<String> findStatus(UUID id, Instant now);

    // Settings that must stay the same across restarts and nodes, such as the publisher identity's id

    /**
     * Returns the stored setting, or stores and returns {@code initial} when none exists yet. Two nodes calling this
     * at once both get the same value.
     */
    String getOrCreateSetting(String key, String initial);

    // Rate limits shared between nodes

    /** Whether several iocd nodes may use this store at once, so per-key counters must live in it. */
    default boolean shared() {
        return false;
    }

    /**
     * Takes one token from a token bucket kept in the database, refilling it first at {@code perMilli} tokens a
     * millisecond up to {@code capacity}. Atomic across nodes.
     *
     * @throws UnsupportedOperationException when the store is not {@link #shared()}
     */
    default RateBucket takeToken(String bucket, int capacity, double perMilli, long nowMillis) {
        throw new UnsupportedOperationException("this store keeps no shared rate limits");
    }

    /**
     * Checks that the database answers and holds the migrated schema; throws {@link StoreUnavailableException}
     * otherwise.
     */
    void ping();

    @Override
    void close();
}
