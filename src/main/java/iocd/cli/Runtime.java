package iocd.cli;

import iocd.auth.ApiKeys;
import iocd.config.IocdConfig;
import iocd.stix.RenderSettings;
import iocd.stix.StixRenderer;
import iocd.store.IocStore;
import iocd.store.PostgresStore;
import iocd.store.SqliteStore;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** The opened store and the services built on it, for one command run. Close it to close the store. */
final class Runtime implements AutoCloseable {
    final IocdConfig config;
    final Clock clock;
    final IocStore store;

    private Runtime(IocdConfig config, Clock clock, IocStore store) {
        this.config = config;
        this.clock = clock;
        this.store = store;
    }

    static Runtime open(IocdConfig config) {
        Clock clock = Clock.systemUTC();
        IocStore store = config.dbUrl() == null
                ? SqliteStore.open(config.sqliteFile(), clock)
                : PostgresStore.open(config.dbUrl(), config.dbUser(), config.dbPassword(), clock);
        return new Runtime(config, clock, store);
    }

    ApiKeys apiKeys() {
        return new ApiKeys(store, config.plans(), clock);
    }

    /** Builds the renderer, with the publisher identity's id and creation time kept stable in the store. */
    StixRenderer renderer() {
        String identityId = store.getOrCreateSetting("identity.id", "identity--" + UUID.randomUUID());
        Instant created = Instant.parse(store.getOrCreateSetting("identity.created", clock.instant().toString()));
        return new StixRenderer(new RenderSettings(config.identityName(), identityId, created,
                config.greenThreshold()));
    }

    @Override
    public void close() {
        store.close();
    }
}
