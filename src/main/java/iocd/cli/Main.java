package iocd.cli;

import iocd.IocdException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code iocd} command. */
@Command(name = "iocd", mixinStandardHelpOptions = true, version = "iocd 0.1.0",
        description = "Threat-intelligence IOC server: imports indicators and serves them as STIX 2.1 and TAXII 2.1.",
        subcommands = {ServeCommand.class, ImportCommand.class, ExportCommand.class, KeysCommand.class, CheckConfigCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns the exit code (0 success, 1 failure, 2 usage error). */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IocdException known) {
                cmd.getErr().println("iocd: " + known.getMessage() + " [" + known.code() + "]");
                return 1;
            }
            throw e;
        });
        return commandLine.execute(args);
    }
}
