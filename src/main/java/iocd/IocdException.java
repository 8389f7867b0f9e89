package iocd;

import org.jspecify.annotations.Nullable;

/**
 * Root of every failure iocd reports on purpose. Each subclass carries a stable {@link #code()} that the HTTP
 * layer sends in its JSON error body and that the CLI prints, so scripts can branch on it.
 */
public class IocdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public IocdException(String code, String message) {
        super(message);
        this.code = code;
    }

    public IocdException(String code, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Stable machine-readable error code, for example {@code invalid_parameter}. */
    public String code() {
        return code;
    }
}
