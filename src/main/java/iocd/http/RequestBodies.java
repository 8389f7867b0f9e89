package iocd.http;

import com.fasterxml.jackson.core.JacksonException;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request bodies read with a size cap. Javalin checks its own limit only when the whole body is read as a string,
 * so routes that stream the body go through here instead: a {@code Content-Length} above the cap is rejected
 * before reading, and a chunked body is cut off as soon as it passes the cap. A body that stops arriving for the
 * idle timeout ends in a 408 instead of an I/O error.
 */
public final class RequestBodies {
    private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);
    /** Maximum number of unread body bytes dropped before an error response is written. */
    static final long DISCARD_LIMIT = 64L * 1024 * 1024;
    /** Maximum time spent dropping an unread body before an error response is written. */
    static final Duration DISCARD_TIME = Duration.ofSeconds(10);

    private RequestBodies() {
    }

    /**
     * Opens the body of {@code ctx} for reading.
     *
     * @throws ApiException 413 when the declared length is above {@code maxBytes}; the stream throws the same
     *                      exception once more than {@code maxBytes} bytes have been read
     */
    static InputStream open(Context ctx, long maxBytes) {
        return open(ctx, maxBytes, size -> tooLarge(maxBytes));
    }

    /**
     * Opens the body of {@code ctx} for reading, with the caller's error for a body that is too large. A read that
     * the server's idle timeout ends throws an unchecked exception that the server turns into a 408 response.
     *
     * @param tooLarge builds the error from the declared length, or from the bytes read so far once they pass
     *                 {@code maxBytes}; it is thrown before reading or from the stream
     */
    public static InputStream open(Context ctx, long maxBytes, LongFunction<? extends RuntimeException> tooLarge) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge.apply(declared);
        }
        return new Bounded(ctx.bodyInputStream(), maxBytes, tooLarge);
    }

    /**
     * Reads and drops the rest of the request body before an error response is written.
     * When a server closes a connection with request bytes still unread, the kernel sends a TCP reset, and the
     * client can lose the response: an oversized upload then fails with a broken connection instead of its 413.
     * Reading stops after {@link #DISCARD_LIMIT} bytes or {@link #DISCARD_TIME}. Past either, Jetty closes the
     * connection as it did before.
     */
    static void discardUnread(Context ctx) {
        long deadline = System.nanoTime() + DISCARD_TIME.toNanos();
        byte[] buffer = new byte[16 * 1024];
        long discarded = 0;
        try {
            InputStream in = ctx.req().getInputStream();
            int n;
            while (discarded < DISCARD_LIMIT && System.nanoTime() < deadline && (n = in.read(buffer)) >= 0) {
                discarded += n;
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or the stream is closed. The error response is still written.
            // The path is left out because a misconfigured client may put its API key there.
            LOG.debug("Dropping the unread body of a {} request failed after {} bytes: {}", ctx.method(),
                    discarded, e.toString());
        }
    }

    /**
     * Returns the 400 for a JSON body that could not be read: a syntax error with its place, or a body that ended
     * because the connection failed.
     */
    static ApiException unreadableJson(IOException e) {
        if (e instanceof JacksonException json) {
            return new ApiException(400, "invalid_json",
                    "the request body is not valid JSON: " + JsonErrorMessages.describe(json), e);
        }
        return incomplete(e);
    }

    /** Returns the 400 for a body that ended early, because the client closed the connection or it failed. */
    public static ApiException incomplete(IOException e) {
        return new ApiException(400, "incomplete_body",
                "the request body ended early because the connection closed or failed; "
                        + "resend the whole request", e);
    }

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "body_too_large", String.format(Locale.ROOT,
                "the request body is larger than the limit of %d bytes; send it in smaller parts", maxBytes));
    }

    /** Returns true when Jetty failed the read because the idle timeout passed. */
    private static boolean isIdleTimeout(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static final class Bounded extends FilterInputStream {
        private final long maxBytes;
        private final LongFunction<? extends RuntimeException> tooLarge;
        private long read;

        Bounded(InputStream in, long maxBytes, LongFunction<? extends RuntimeException> tooLarge) {
            super(in);
            this.maxBytes = maxBytes;
            this.tooLarge = tooLarge;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                throw translated(e);
            }
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                throw translated(e);
            }
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped;
            try {
                skipped = super.skip(n);
            } catch (IOException e) {
                throw translated(e);
            }
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            read += n;
            if (read > maxBytes) {
                throw tooLarge.apply(read);
            }
        }

        /** Throws the 408 signal when the idle timeout ended the read, else returns {@code e} to rethrow. */
        private static IOException translated(IOException e) {
            if (isIdleTimeout(e)) {
                throw new BodyTimeoutException(e);
            }
            return e;
        }
    }
}
