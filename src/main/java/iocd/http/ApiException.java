package iocd.http;

import iocd.IocdException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A request the server rejects, with the HTTP status to send. The message is shown to the client as is. */
public final class ApiException extends IocdException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String code, String message) {
        super(code, message);
        this.status = status;
    }

    public ApiException(int status, String code, String message, @Nullable Throwable cause) {
        super(code, message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 400 for a query parameter that does not parse: names the parameter, the value and what is accepted. */
    public static ApiException badParameter(String name, String value, String accepted) {
        String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return new ApiException(400, "invalid_parameter", String.format(Locale.ROOT,
                "invalid value '%s' for parameter '%s': %s", printable(shown), name, accepted));
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    /**
     * Replaces control characters and unpaired surrogates with a backslash-u escape of four hex digits. A control
     * character in an echoed value could break a log line or a terminal, and an unpaired surrogate has no UTF-8 form.
     */
    public static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
