package iocd.cli;

import iocd.config.IocdConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code iocd check-config}: prints the effective configuration (secrets masked) and checks the database. */
@Command(name = "check-config", description = "Print the effective configuration with secrets masked, open the "
        + "store (applying migrations) and check that the database answers.")
final class CheckConfigCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        IocdConfig config = data.config();
        System.out.println(config);
        try (Runtime runtime = Runtime.open(config)) {
            runtime.store.ping();
            System.out.println("Database OK: " + runtime.store.count() + " IOCs stored.");
        }
        return 0;
    }
}
