package iocd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the optional real-world inputs some tests use: public feed files ({@code IOCD_TEST_DATA}) and the OASIS
 * STIX 2.1 JSON schemas ({@code IOCD_TEST_SCHEMAS}). Each comes from a system property of the same name in
 * lowercase dotted form or from the environment variable. Tests that need one skip when it is absent.
 */
public final class TestData {
    private TestData() {
    }

    /** Folder of public feed files, one sub-folder per source. */
    public static Optional<Path> feeds() {
        return folder("iocd.test.data", "IOCD_TEST_DATA");
    }

    /** Folder holding the OASIS STIX 2.1 schemas ({@code common/}, {@code sdos/} and so on). */
    public static Optional<Path> schemas() {
        return folder("iocd.test.schemas", "IOCD_TEST_SCHEMAS");
    }

    private static Optional<Path> folder(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            value = System.getenv(variable);
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
    }
}
