package iocd.ioc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import iocd.TestData;
import iocd.stix.PatternParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Runs the normaliser over public feed files when {@code IOCD_TEST_DATA} points to them; skips otherwise. */
class NormalizerFeedTest {

    @Test
    void feed_zeroPaddedIpv6Compresses() throws IOException {
        List<String> lines = dataLines("tor-nodes-ipv6/ipv6.txt");

        for (String line : lines) {
            String value = Normalizer.normalize(IocType.IPV6, line).value();
            assertThat(value).doesNotContain("0000").isEqualTo(value.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void feed_ipv6CidrBlocksNormalise() throws IOException {
        for (String line : dataLines("spamhaus-dropv6/dropv6.txt")) {
            String block = line.split(";")[0].strip();
            assertThat(Normalizer.normalize(IocType.IPV6, block).value()).contains("/");
        }
    }

    @Test
    void feed_idnPhishingDomainsNormalise() throws IOException {
        int idn = 0;
        for (String line : dataLines("phishing-domains-romainmarcoux/phishing_army")) {
            NormalizedValue value = Normalizer.normalize(IocType.DOMAIN, line);
            if (value.value().contains("xn--")) {
                idn++;
                assertThat(value.displayName()).isNotNull();
            }
        }
        assertThat(idn).isPositive();
    }

    @Test
    void feed_mixedCaseHashesDetected() throws IOException {
        for (String line : dataLines("neo23x0-signature-base/hash-iocs.txt")) {
            String hash = line.split(";")[0];
            NormalizedValue value = Normalizer.normalizeDetected(hash);
            assertThat(value.type().isHash()).isTrue();
            assertThat(value.value()).isEqualTo(hash.strip().toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void feed_defangedSekoiaValuesNormalise() throws IOException {
        List<String> lines = dataLines("sekoia-iocs/raccoon_stealer_iocs_20220628.csv");

        for (String line : lines.subList(1, lines.size())) {
            String raw = line.split(",", 2)[1];
            NormalizedValue value = Normalizer.normalizeDetected(raw);
            assertThat(value.value()).doesNotContain("[.]").doesNotStartWith("hxxp");
        }
    }

    @Test
    void feed_stixIndicatorPatternsReduceToValues() throws IOException {
        List<String> patterns = patterns("tweetfeed/week.json");

        assertThat(patterns).isNotEmpty();
        for (String pattern : patterns) {
            assertThat(PatternParser.simpleIndicatorValues(pattern)).isNotEmpty();
        }
    }

    @Test
    void feed_oasisExamplePatternsParse() throws IOException {
        List<String> patterns = new ArrayList<>(patterns("oasis-stix21-examples/apt1.json"));
        patterns.addAll(patterns("oasis-stix21-examples/poisonivy.json"));

        assertThat(patterns).isNotEmpty();
        for (String pattern : patterns) {
            assertThat(PatternParser.parse(pattern)).isNotEmpty();
        }
    }

    private static List<String> dataLines(String relative) throws IOException {
        Path file = dataFile(relative);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#") && !line.startsWith(";")) {
                lines.add(line);
            }
        }
        assertThat(lines).isNotEmpty();
        return lines;
    }

    private static List<String> patterns(String relative) throws IOException {
        JsonNode bundle = new ObjectMapper().readTree(dataFile(relative).toFile());
        List<String> patterns = new ArrayList<>();
        for (JsonNode object : bundle.path("objects")) {
            if (object.path("type").asText().equals("indicator")) {
                patterns.add(object.path("pattern").asText());
            }
        }
        return patterns;
    }

    private static Path dataFile(String relative) {
        Path file = TestData.feeds().map(folder -> folder.resolve(relative)).orElse(null);
        assumeTrue(file != null && Files.isRegularFile(file), "feed file " + relative + " is not available");
        return file;
    }
}
