package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MispParserTest {

    @Test
    void event_readsAttributesAndObjectAttributes() throws IOException {
        CollectingSink sink = CollectingSink.parse(new MispParser(), "misp/event.json");

        assertThat(sink.values()).containsExactly("192.0.2.55", "evil.example.com", "198.51.100.23",
                "pair.example.net", "203.0.113.40", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "Sender@example.org", "CVE-2017-11882",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void event_skipsContextAndUnsupportedTypes() throws IOException {
        CollectingSink sink = CollectingSink.parse(new MispParser(), "misp/event.json");

        assertThat(sink.skipped).containsExactly("MISP type regkey", "MISP attribute with to_ids false",
                "MISP attribute with to_ids false");
        assertThat(sink.rejections).singleElement().satisfies(rejection ->
                assertThat(rejection.location()).startsWith("attribute 10 "));
    }

    @Test
    void event_appliesTlpTagsStrictestFirst() throws IOException {
        CollectingSink sink = CollectingSink.parse(new MispParser(), "misp/event.json");

        assertThat(sink.find(IocType.IPV4, "192.0.2.55").sourceTlp()).isEqualTo(Tlp.RED);
        Ioc domain = sink.find(IocType.DOMAIN, "evil.example.com");
        assertThat(domain.sourceTlp()).isEqualTo(Tlp.AMBER);
        assertThat(domain.tags()).containsExactly("example-campaign");
        assertThat(domain.description()).isEqualTo("C2 domain");
        assertThat(domain.firstSeen()).isEqualTo(Instant.parse("2018-03-09T00:00:00Z"));
        assertThat(domain.source()).isEqualTo("misp");
    }

    @Test
    void compositeTypes_describeSecondPart() throws IOException {
        CollectingSink sink = CollectingSink.parse(new MispParser(), "misp/event.json");

        assertThat(sink.find(IocType.IPV4, "198.51.100.23").description())
                .isEqualTo("Example campaign IoCs. Observed on port 8443");
        assertThat(sink.find(IocType.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709").description())
                .isEqualTo("Example campaign IoCs. File name: dropper.exe");
    }

    @Test
    void bareEvent_isRead() throws IOException {
        String event = "{\"Event\": {\"info\": \"x\", \"Attribute\": [{\"type\": \"hostname\", \"value\": \"h.example.com\"}]}}";
        CollectingSink sink = CollectingSink.parseText(new MispParser(), event);

        assertThat(sink.values()).containsExactly("h.example.com");
    }

    @Test
    void noEvent_isMalformed() {
        assertThatThrownBy(() -> CollectingSink.parseText(new MispParser(), "{\"response\": []}"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("no MISP \"Event\"");
    }
}
