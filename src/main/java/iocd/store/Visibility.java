package iocd.store;

import iocd.ioc.Tlp;
import java.time.Instant;

/**
 * What a reader may see: versions modified at or after {@code lookbackStart} whose base TLP
 * ({@link StoredIoc#baseTlp(int)}) is at most {@code clearance}.
 *
 * @param lookbackStart  earliest {@code modified} visible (plan lookback)
 * @param clearance      strictest TLP the reader may receive
 * @param greenThreshold confidence at or above which an unmarked IOC counts as GREEN
 */
public record Visibility(Instant lookbackStart, Tlp clearance, int greenThreshold) {
    /** Everything, for offline export and tests. */
    public static Visibility everything(int greenThreshold) {
        return new Visibility(Instant.EPOCH, Tlp.RED, greenThreshold);
    }

    public boolean allows(StoredIoc ioc) {
        return !ioc.modified().isBefore(lookbackStart) && clears(ioc);
    }

    /** Returns whether the IOC's base TLP is within the clearance, whatever its {@code modified}. */
    public boolean clears(StoredIoc ioc) {
        return ioc.baseTlp(greenThreshold).compareTo(clearance) <= 0;
    }
}
