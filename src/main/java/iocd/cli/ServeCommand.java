package iocd.cli;

import iocd.auth.ApiKeys;
import iocd.config.IocdConfig;
import iocd.http.IocdServer;
import iocd.http.ServerLimits;
import iocd.ioc.Tlp;
import iocd.store.ApiKeyRecord;
import iocd.store.MergeResult;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code iocd serve}: runs the HTTP server until interrupted. */
@Command(mixinStandardHelpOptions = true, name = "serve", description = "Run the HTTP server (REST v1, STIX bundle endpoint, TAXII 2.1).")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    /** Name of the keys --demo creates; only keys of this name are revoked by a later demo run. */
    private static final String DEMO_KEY_NAME = "iocd serve --demo";

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--idle-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "Close a connection that sends or reads nothing for this long, also mid-request "
                    + "(default: ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(names = "--auth-failures-per-minute", defaultValue = "60", paramLabel = "N",
            description = "Requests with a missing or invalid API key accepted from one client address a minute; "
                    + "past that the address gets 429 until it is back under the limit (default: ${DEFAULT-VALUE}).")
    int authFailuresPerMinute;

    @Option(names = "--demo", description = "Create the data folder if needed, load the built-in demo IOCs, "
            + "create a pro-plan key and print a ready-to-paste curl command.")
    boolean demo;

    @Override
    public Integer call() throws InterruptedException {
        IocdConfig config = data.config().withListen(host, port);
        ServerLimits limits = limits(config);
        LOG.info("Starting with {}", config);
        try (Runtime runtime = Runtime.open(config)) {
            if (demo) {
                loadDemoData(runtime);
            }
            IocdServer server = new IocdServer(runtime.store, runtime.apiKeys(), runtime.renderer(),
                    runtime.clock, config.greenThreshold(), limits,
                    config.publicUrl());
            server.start(config.host(), config.port());
            // The key is created once the port is bound, so a failed start creates no key that was never shown.
            String demoKey = demo ? createDemoKey(runtime.apiKeys()) : null;
            CountDownLatch stopped = new CountDownLatch(1);
            java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("Stopping");
                server.stop();
                stopped.countDown();
            }, "iocd-shutdown"));
            if (demoKey != null) {
                printDemoHelp(config.host(), server.port(), demoKey);
            }
            stopped.await();
        }
        return 0;
    }

    private ServerLimits limits(IocdConfig config) {
        if (idleTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "Invalid value for option '--idle-timeout': %d; it must be at least 1 second",
                    idleTimeoutSeconds));
        }
        if (authFailuresPerMinute < 1) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "Invalid value for option '--auth-failures-per-minute': %d; it must be at least 1",
                    authFailuresPerMinute));
        }
        return new ServerLimits(config.maxBodyBytes(), Duration.ofSeconds(idleTimeoutSeconds), authFailuresPerMinute);
    }

    private static void loadDemoData(Runtime runtime) {
        MergeResult result = DemoData.load(runtime.store);
        LOG.info("Demo set loaded: {} new, {} updated, {} unchanged", result.count(MergeResult.Outcome.NEW),
                result.count(MergeResult.Outcome.UPDATED), result.count(MergeResult.Outcome.UNCHANGED));
    }

    /** Creates a fresh demo key and revokes the ones earlier demo runs printed, so old demo keys stop working. */
    static String createDemoKey(ApiKeys keys) {
        for (ApiKeyRecord earlier : keys.list()) {
            if (earlier.active() && DEMO_KEY_NAME.equals(earlier.name())) {
                keys.revoke(earlier.id());
                LOG.info("Revoked the earlier demo key {}", earlier.id());
            }
        }
        return keys.create("pro", DEMO_KEY_NAME, Tlp.AMBER).secret();
    }

    private static void printDemoHelp(String host, int port, String key) {
        String base = String.format(Locale.ROOT, "http://%s:%d", host.contains(":") ? "[" + host + "]" : host, port);
        System.out.println();
        System.out.println("iocd demo is running. A pro-plan key was created for you (keys from earlier demo runs"
                + " are revoked):");
        System.out.println("  " + key);
        System.out.println();
        System.out.println("Fetch the demo indicators as a STIX 2.1 bundle:");
        System.out.printf(Locale.ROOT, "  curl -H \"Authorization: Bearer %s\" -H \"Accept: application/stix+json;version=2.1\" "
                + "\"%s/api/v1/iocs/stix?limit=500\" -o feed.stix.json%n", key, base);
        System.out.println();
        System.out.println("TAXII 2.1 discovery (user name: anything, password: the key):");
        System.out.printf(Locale.ROOT, "  curl -u \"demo:%s\" -H \"Accept: application/taxii+json;version=2.1\" %s/taxii2/%n",
                key, base);
        System.out.println();
        System.out.println("Press Ctrl+C to stop.");
        System.out.flush();
    }
}
