package iocd.store;

import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One published version of an IOC as the store holds it.
 *
 * @param id              random UUIDv4 given when the IOC was first stored, kept for life
 * @param type            IOC type
 * @param value           canonical value
 * @param name            source-given title, or null for the renderer's default
 * @param description     free text, or null
 * @param confidence      0 to 100, or null
 * @param created         first time the IOC was stored (millisecond precision); never changes
 * @param modified        time of this version (millisecond precision); strictly increases from version to version
 * @param validFrom       first seen
 * @param lastSeen        last seen, or null; updating it alone does not make a new version
 * @param validUntil      expiry, or null
 * @param tags            labels, sorted, without duplicates
 * @param killChainPhases ATT&CK tactic names, sorted, without duplicates
 * @param indicatorTypes  indicator-type vocabulary values, sorted, without duplicates
 * @param sourceTlp       the strictest marking any source gave, or null when unmarked
 * @param reference       source report URL, or null
 * @param revoked         true once revoked; a revoked version is the IOC's last
 * @param version         1 for the first version, counting up
 * @param seq             store-wide sequence number of the write that produced this version; unique
 * @param dateAdded       time this version was stored (microsecond precision); ascends with {@code seq}
 */
public record StoredIoc(
        UUID id,
        IocType type,
        String value,
        @Nullable String name,
        @Nullable String description,
        @Nullable Integer confidence,
        Instant created,
        Instant modified,
        Instant validFrom,
        @Nullable Instant lastSeen,
        @Nullable Instant validUntil,
        List<String> tags,
        List<String> killChainPhases,
        List<String> indicatorTypes,
        @Nullable Tlp sourceTlp,
        @Nullable String reference,
        boolean revoked,
        int version,
        long seq,
        Instant dateAdded) {

    public StoredIoc {
        tags = List.copyOf(tags);
        killChainPhases = List.copyOf(killChainPhases);
        indicatorTypes = List.copyOf(indicatorTypes);
    }

    /** STIX id, for example {@code indicator--<uuid>}. */
    public String stixId() {
        return type.stixType() + "--" + id;
    }

    /**
     * TLP the object carries without a request override: the strictest of its source marking and the confidence
     * default (GREEN at or above {@code greenThreshold}, else CLEAR).
     */
    public Tlp baseTlp(int greenThreshold) {
        return baseTlp(sourceTlp, confidence, greenThreshold);
    }

    /** Computes the base TLP of {@link #baseTlp(int)} for an IOC that is not stored yet. */
    static Tlp baseTlp(@Nullable Tlp sourceTlp, @Nullable Integer confidence, int greenThreshold) {
        Tlp byConfidence = confidence != null && confidence >= greenThreshold ? Tlp.GREEN : Tlp.CLEAR;
        return sourceTlp == null ? byConfidence : sourceTlp.stricter(byConfidence);
    }
}
