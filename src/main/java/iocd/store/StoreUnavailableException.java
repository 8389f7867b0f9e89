package iocd.store;

import iocd.IocdException;

/** The database cannot be reached or refused the operation for a reason outside the caller's input. */
public final class StoreUnavailableException extends IocdException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super("store_unavailable", message, cause);
    }

    /** For failures found by the store itself, such as a row it cannot read. */
    public StoreUnavailableException(String message) {
        super("store_unavailable", message);
    }
}
