package iocd.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/**
 * Runs an embedded PostgreSQL server on 127.0.0.1 for the fault scripts: prints {@code port=N} once it accepts
 * connections (user {@code postgres}, no password, database {@code postgres}) and stops it when standard input
 * closes.
 */
public final class EmbeddedPostgresMain {
    private EmbeddedPostgresMain() {
    }

    public static void main(String[] args) throws IOException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            System.out.println("port=" + postgres.getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Waits for the script to close standard input.
            }
        }
    }
}
