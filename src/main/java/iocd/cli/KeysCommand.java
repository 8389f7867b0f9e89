package iocd.cli;

import iocd.auth.ApiKeys;
import iocd.ioc.Tlp;
import iocd.store.ApiKeyRecord;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code iocd keys create|list|revoke}: API key management on the local store. */
@Command(mixinStandardHelpOptions = true, name = "keys", description = "Create, list and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {
    @Mixin
    DataOptions data;

    @Command(mixinStandardHelpOptions = true, name = "create", description = "Create a key. The key is printed once, alone on standard output; "
            + "only its hash is stored.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;

        @Option(names = "--plan", required = true, description = "Plan: free, pro, enterprise or admin.")
        String plan;

        @Option(names = "--name", required = true, description = "Label shown in key listings.")
        String name;

        @Option(names = "--clearance", defaultValue = "amber",
                description = "Strictest TLP the key may read: clear, green, amber, amber+strict, red "
                        + "(default: ${DEFAULT-VALUE}).")
        String clearance;

        @Override
        public Integer call() {
            Tlp level = Tlp.parse(clearance).orElseThrow(() -> new iocd.IocdException("invalid_clearance",
                    "invalid --clearance '" + clearance + "': expected clear, green, amber, amber+strict or red"));
            try (Runtime runtime = Runtime.open(parent.data.config())) {
                ApiKeys.CreatedKey key = runtime.apiKeys().create(plan, name, level);
                System.err.printf(Locale.ROOT, "Created key %s (plan %s, clearance %s, name '%s').%n",
                        key.record().id(), key.record().plan(), level.apiName(), key.record().name());
                System.err.println("Store the key now: it cannot be shown again.");
                System.out.println(key.secret());
            }
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List keys (ids, names, plans; never the keys themselves).")
    static final class ListKeys implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;

        @Override
        public Integer call() {
            try (Runtime runtime = Runtime.open(parent.data.config())) {
                System.out.printf(Locale.ROOT, "%-22s %-12s %-13s %-16s %-25s %s%n", "ID", "PLAN", "CLEARANCE",
                        "PREFIX", "CREATED", "NAME");
                for (ApiKeyRecord key : runtime.apiKeys().list()) {
                    System.out.printf(Locale.ROOT, "%-22s %-12s %-13s %-16s %-25s %s%s%n", key.id(), key.plan(),
                            key.clearance().apiName(), key.prefix() + "...", key.created(), key.name(),
                            key.active() ? "" : " (revoked " + key.revoked() + ")");
                }
            }
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "revoke", description = "Revoke a key by its id.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;

        @Parameters(paramLabel = "KEY_ID", description = "Key id as shown by 'iocd keys list'.")
        String id;

        @Override
        public Integer call() {
            try (Runtime runtime = Runtime.open(parent.data.config())) {
                if (!runtime.apiKeys().revoke(id)) {
                    System.err.println("iocd: no key with id '" + id + "'; 'iocd keys list' shows the ids");
                    return 1;
                }
                System.err.println("Revoked key " + id + ".");
            }
            return 0;
        }
    }
}
