package iocd.store;

import iocd.IocdException;

/**
 * Failure of an operation whose value the database rejected as invalid data (SQL state class 22), such as a NUL
 * character in text on PostgreSQL. The input is at fault, not the database, so retrying the same operation fails
 * again.
 */
public final class InvalidDataException extends IocdException {
    private static final long serialVersionUID = 1L;

    public InvalidDataException(String message, Throwable cause) {
        super("invalid_data", message, cause);
    }
}
