package iocd.taxii;

import iocd.store.StoredIoc;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of versions in {@code (date_added, seq)} order.
 *
 * @param rows the versions to serve
 * @param next the continuation token when more remain, else null; {@code more} is true exactly when it is set
 */
record Page(List<StoredIoc> rows, @Nullable String next) {
    static final Page EMPTY = new Page(List.of(), null);

    Page {
        rows = List.copyOf(rows);
    }

    boolean more() {
        return next != null;
    }

    /** An empty page without continuation is written as {@code {}} and carries no X-TAXII-Date-Added headers. */
    boolean isEmpty() {
        return rows.isEmpty() && next == null;
    }
}
