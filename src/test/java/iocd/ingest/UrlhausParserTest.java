package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UrlhausParserTest {

    @Test
    void dump_readsRowsAfterCommentedHeader() throws IOException {
        CollectingSink sink = CollectingSink.parse(new UrlhausParser(), "urlhaus/online.csv");

        assertThat(sink.iocs).extracting(Ioc::type).containsOnly(IocType.URL);
        assertThat(sink.iocs).hasSize(3);
        assertThat(sink.values()).contains("http://192.0.2.44:60905/bin.sh", "http://files.example.org/x.sh");
    }

    @Test
    void dump_mapsFields() throws IOException {
        CollectingSink sink = CollectingSink.parse(new UrlhausParser(), "urlhaus/online.csv");
        Ioc url = sink.find(IocType.URL, "http://192.0.2.44:60905/bin.sh");

        assertThat(url.tags()).containsExactly("32-bit", "elf", "mips", "Mozi");
        assertThat(url.firstSeen()).isEqualTo(Instant.parse("2025-04-21T12:35:06Z"));
        assertThat(url.reference()).isEqualTo("https://urlhaus.abuse.ch/url/100001/");
        assertThat(url.killChainPhases()).containsExactly("initial-access");
        assertThat(url.source()).isEqualTo("urlhaus");
    }

    @Test
    void dump_rejectsShortRowAndInvalidUrl() throws IOException {
        CollectingSink sink = CollectingSink.parse(new UrlhausParser(), "urlhaus/online.csv");

        assertThat(sink.rejections).extracting(Rejection::location).containsExactly("line 7", "line 8");
        assertThat(sink.rejections.get(0).reason()).isEqualTo("expected 9 CSV columns, found 4");
    }

    @Test
    void plainHeader_setsColumnOrder() throws IOException {
        String text = "id,dateadded,url,threat\n\"1\",\"2025-04-21 12:35:06\",\"http://192.0.2.9/x\",\"malware_download\"\n";
        CollectingSink sink = CollectingSink.parseText(new UrlhausParser(), text);

        assertThat(sink.values()).containsExactly("http://192.0.2.9/x");
    }
}
