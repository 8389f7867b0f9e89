package iocd.ingest;

import java.io.IOException;
import java.io.InputStream;

/** Reads one input format and reports each value to a sink. Parsers never touch the store. */
interface FeedParser {
    /**
     * Reads the whole stream. A record the parser cannot use is reported as a rejection and parsing goes on.
     *
     * @throws ImportException when the input is so malformed that no further record can be found
     * @throws IOException     when reading fails
     */
    void parse(InputStream in, IocSink sink) throws IOException;
}
