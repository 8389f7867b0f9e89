package iocd.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Splits a byte stream into UTF-8 lines with a cap on line length. Splitting happens on bytes, which is safe in
 * UTF-8 because a newline byte never occurs inside a multi-byte character. Each line is decoded on its own, so
 * one invalid line is reported and the next one is read normally. A line longer than the cap is skipped up to
 * its newline without being kept in memory. A UTF-8 byte order mark before the first line and a trailing
 * carriage return are removed.
 */
final class LineReader {
    /** Default cap on one line: 1 MiB. */
    static final int DEFAULT_MAX_BYTES = 1 << 20;

    private final InputStream in;
    private final int maxBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[256];
    private int lineLength;
    private long lineNumber;
    private boolean endOfInput;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    LineReader(InputStream in) {
        this(in, DEFAULT_MAX_BYTES);
    }

    /**
     * One line: either its text or the problem that made it unreadable.
     *
     * @param number  1-based line number
     * @param text    the decoded line without its line ending, or null when {@code problem} is set
     * @param problem why the line could not be read, or null
     */
    record Line(long number, @Nullable String text, @Nullable String problem) {
    }

    /** Reads the next line, or returns null at the end of the input. */
    @Nullable Line next() throws IOException {
        if (endOfInput) {
            return null;
        }
        lineLength = 0;
        boolean tooLong = false;
        boolean sawAny = false;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                endOfInput = true;
                if (!sawAny) {
                    return null;
                }
                break;
            }
            sawAny = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? chunkEnd : newline;
            if (!tooLong) {
                tooLong = !append(end - chunkPos);
            }
            chunkPos = newline < 0 ? chunkEnd : newline + 1;
            if (newline >= 0) {
                break;
            }
        }
        lineNumber++;
        if (tooLong) {
            return new Line(lineNumber, null,
                    String.format(Locale.ROOT, "line longer than %d bytes", maxBytes));
        }
        return decode();
    }

    private boolean fill() throws IOException {
        int read = in.read(chunk);
        while (read == 0) {
            read = in.read(chunk);
        }
        if (read < 0) {
            return false;
        }
        chunkPos = 0;
        chunkEnd = read;
        return true;
    }

    private int indexOfNewline() {
        for (int i = chunkPos; i < chunkEnd; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Appends bytes from the chunk to the line; returns false once the line passes the cap. */
    private boolean append(int count) {
        if (lineLength + count > maxBytes) {
            return false;
        }
        if (lineLength + count > line.length) {
            byte[] bigger = new byte[Math.min(maxBytes, Math.max(line.length * 2, lineLength + count))];
            System.arraycopy(line, 0, bigger, 0, lineLength);
            line = bigger;
        }
        System.arraycopy(chunk, chunkPos, line, lineLength, count);
        lineLength += count;
        return true;
    }

    private Line decode() {
        int start = 0;
        int end = lineLength;
        if (lineNumber == 1 && end >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
            start = 3;
        }
        if (end > start && line[end - 1] == '\r') {
            end--;
        }
        try {
            String text = decoder.decode(ByteBuffer.wrap(line, start, end - start)).toString();
            return new Line(lineNumber, text, null);
        } catch (CharacterCodingException e) {
            return new Line(lineNumber, null, "invalid UTF-8");
        }
    }
}
