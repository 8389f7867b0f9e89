package iocd.faults;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a plain-list feed of {@code N} distinct, valid domain names ({@code h<i>.crash.example.com}), so every
 * imported value is new and the stored count after any number of whole batches is a multiple of the batch size.
 *
 * <p>Usage: {@code GenerateFeed FILE N}.
 */
public final class GenerateFeed {
    private GenerateFeed() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < count; i++) {
                out.write("h" + i + ".crash.example.com\n");
            }
        }
    }
}
