package iocd.http;

import iocd.IocdException;

/**
 * Signals that a request body stopped arriving: the client sent part of it, then nothing for the idle timeout.
 * {@link IocdServer} responds with 408 with the configured timeout in the message. Unchecked, so it passes through JSON
 * parsers that read the body stream and would otherwise report it as malformed JSON.
 */
final class BodyTimeoutException extends IocdException {
    private static final long serialVersionUID = 1L;

    BodyTimeoutException(Throwable cause) {
        super("request_timeout", "the request body stopped arriving before it was complete", cause);
    }
}
