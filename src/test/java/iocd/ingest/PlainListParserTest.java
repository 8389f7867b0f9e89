package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import iocd.ioc.IocType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainListParserTest {

    @Test
    void mixedList_skipsBomAndComments() throws IOException {
        CollectingSink sink = CollectingSink.parse(new PlainListParser("plain"), "plain/mixed.txt");

        assertThat(sink.values()).containsExactly("192.0.2.1", "198.51.100.7",
                "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "bad.example.com", "2001:db8::1", "2001:db8:1::/48", "bad.example.org",
                "http://example.com/a;b=1", "203.0.113.9");
    }

    @Test
    void mixedList_detectsTypes() throws IOException {
        CollectingSink sink = CollectingSink.parse(new PlainListParser("plain"), "plain/mixed.txt");

        assertThat(sink.find(IocType.IPV6, "2001:db8:1::/48").source()).isEqualTo("plain");
        assertThat(sink.findOptional(IocType.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709")).isPresent();
        assertThat(sink.findOptional(IocType.URL, "http://example.com/a;b=1")).isPresent();
    }

    @Test
    void mixedList_rejectsUnknownShapeWithLine() throws IOException {
        CollectingSink sink = CollectingSink.parse(new PlainListParser("plain"), "plain/mixed.txt");

        assertThat(sink.rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.location()).isEqualTo("line 14");
            assertThat(rejection.value()).isEqualTo("not_a_value!");
        });
    }

    @Test
    void valueOf_cutsTrailingData() {
        assertThat(PlainListParser.valueOf("192.0.2.1\t10")).isEqualTo("192.0.2.1");
        assertThat(PlainListParser.valueOf("  hash;comment, with commas")).isEqualTo("hash");
        assertThat(PlainListParser.valueOf("# comment")).isEmpty();
        assertThat(PlainListParser.valueOf("; comment")).isEmpty();
        assertThat(PlainListParser.valueOf("   ")).isEmpty();
        assertThat(PlainListParser.valueOf("https://example.com/x;y=1 trailing")).isEqualTo("https://example.com/x;y=1");
    }

    @Test
    void invalidUtf8_rejectsOnlyThatLine() throws IOException {
        byte[] bytes = {'1', '9', '2', '.', '0', '.', '2', '.', '1', '\n', (byte) 0xC3, (byte) 0x28, '\n',
            '1', '9', '8', '.', '5', '1', '.', '1', '0', '0', '.', '1', '\n'};
        CollectingSink sink = CollectingSink.parse(new PlainListParser("plain"), new ByteArrayInputStream(bytes));

        assertThat(sink.values()).containsExactly("192.0.2.1", "198.51.100.1");
        assertThat(sink.reasons()).containsExactly("line 2: invalid UTF-8");
    }

    @Test
    void hugeLine_isRejectedWithoutStoppingTheList() throws IOException {
        InputStream in = new java.io.SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
                new ByteArrayInputStream("192.0.2.1\n".getBytes(StandardCharsets.US_ASCII)),
                new RepeatingStream((byte) 'a', 5L * LineReader.DEFAULT_MAX_BYTES),
                new ByteArrayInputStream("\n192.0.2.2\n".getBytes(StandardCharsets.US_ASCII)))));
        CollectingSink sink = CollectingSink.parse(new PlainListParser("plain"), in);

        assertThat(sink.values()).containsExactly("192.0.2.1", "192.0.2.2");
        assertThat(sink.reasons()).containsExactly("line 2: line longer than 1048576 bytes");
    }

    @Test
    void lastLineWithoutNewline_isRead() throws IOException {
        CollectingSink sink = CollectingSink.parseText(new PlainListParser("plain"), "192.0.2.1\r\n192.0.2.2");

        assertThat(sink.values()).containsExactly("192.0.2.1", "192.0.2.2");
    }

    /** A stream of one byte repeated, without holding it in memory. */
    static final class RepeatingStream extends InputStream {
        private final byte value;
        private long remaining;

        RepeatingStream(byte value, long length) {
            this.value = value;
            this.remaining = length;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining <= 0) {
                return -1;
            }
            int count = (int) Math.min(length, remaining);
            java.util.Arrays.fill(buffer, offset, offset + count, value);
            remaining -= count;
            return count;
        }
    }
}
