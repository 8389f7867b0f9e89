package iocd.taxii;

import iocd.http.ApiException;

/** Makes client-supplied text safe to repeat in an error message. */
final class Echo {
    private static final int MAX_SHOWN = 100;

    private Echo() {
    }

    /** Cuts the text to a readable length and escapes what {@link ApiException#printable} escapes. */
    static String printable(String value) {
        return ApiException.printable(value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value);
    }
}
