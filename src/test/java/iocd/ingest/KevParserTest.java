package iocd.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KevParserTest {

    @Test
    void catalog_readsCves() throws IOException {
        CollectingSink sink = CollectingSink.parse(new KevParser(), "kev/catalog.json");

        assertThat(sink.values()).containsExactly("CVE-2025-0001", "CVE-2024-12345");
        assertThat(sink.iocs).extracting(Ioc::type).containsOnly(IocType.CVE);
    }

    @Test
    void catalog_mapsNameDescriptionAndRansomware() throws IOException {
        CollectingSink sink = CollectingSink.parse(new KevParser(), "kev/catalog.json");
        Ioc cve = sink.find(IocType.CVE, "CVE-2025-0001");

        assertThat(cve.name()).as("the STIX name stays the CVE id").isNull();
        assertThat(cve.description()).startsWith("Example Widget Path Traversal Vulnerability. Example Widget contains");
        assertThat(cve.firstSeen()).isEqualTo(Instant.parse("2025-08-25T00:00:00Z"));
        assertThat(cve.tags()).containsExactly("known-exploited", "ransomware");
        assertThat(cve.reference()).isEqualTo("https://example.com/advisory/1");
        assertThat(cve.source()).isEqualTo("cisa-kev");
        assertThat(sink.find(IocType.CVE, "CVE-2024-12345").tags()).containsExactly("known-exploited");
    }

    @Test
    void catalog_rejectsMalformedId() throws IOException {
        CollectingSink sink = CollectingSink.parse(new KevParser(), "kev/catalog.json");

        assertThat(sink.rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.location()).isEqualTo("vulnerability 3");
            assertThat(rejection.value()).isEqualTo("CVE-20X-1");
        });
    }

    @Test
    void withoutVulnerabilities_isMalformed() {
        assertThatThrownBy(() -> CollectingSink.parseText(new KevParser(), "{\"title\": \"x\", \"count\": 0}"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("no \"vulnerabilities\" array");
    }

    @Test
    void nulInSkippedProperty_namesLine() {
        String catalog = "{\"title\": \"x\",\n\"notes\": [\"a\u0000b\"],\n\"vulnerabilities\": []}";

        assertThatThrownBy(() -> CollectingSink.parseText(new KevParser(), catalog))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("invalid JSON at line 2: ")
                .hasMessageContaining("CTRL-CHAR, code 0");
    }
}
