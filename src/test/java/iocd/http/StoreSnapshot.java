package iocd.http;

import iocd.store.IocStore;
import iocd.store.ModifiedQuery;
import iocd.store.StoredIoc;
import iocd.store.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The store content that requests could change: every current IOC version and every API key. */
record StoreSnapshot(List<StoredIoc> iocs, List<String> keys, long count) {

    static StoreSnapshot of(IocStore store) {
        List<StoredIoc> iocs = new ArrayList<>();
        ModifiedQuery.Cursor cursor = null;
        while (true) {
            List<StoredIoc> page = store.listByModified(new ModifiedQuery(Set.of(), Instant.EPOCH, cursor,
                    Visibility.everything(70), 1000));
            iocs.addAll(page);
            if (page.size() < 1000) {
                break;
            }
            StoredIoc last = page.get(page.size() - 1);
            cursor = new ModifiedQuery.Cursor(last.modified(), last.id());
        }
        List<String> keys = store.listKeys().stream().map(Object::toString).toList();
        return new StoreSnapshot(iocs, keys, store.count());
    }
}
