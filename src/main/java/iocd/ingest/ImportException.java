package iocd.ingest;

import iocd.IocdException;
import org.jspecify.annotations.Nullable;

/**
 * An import that cannot start or cannot go on: unknown or undetectable format, unreadable file, or a file so
 * malformed that the parser cannot find the next record (truncated JSON, invalid JSON encoding).
 */
public final class ImportException extends IocdException {
    private static final long serialVersionUID = 1L;

    public ImportException(String code, String message) {
        super(code, message);
    }

    public ImportException(String code, String message, @Nullable Throwable cause) {
        super(code, message, cause);
    }

    static ImportException malformed(String message, @Nullable Throwable cause) {
        return new ImportException("malformed_feed", message, cause);
    }
}
