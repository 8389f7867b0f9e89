package iocd.bench;

import iocd.ioc.Ioc;
import iocd.ioc.NormalizedValue;
import iocd.ioc.Normalizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded generator of synthetic feed records for benchmarks: the same seed gives the same records, byte for byte.
 *
 * <p>The type mix follows the public feeds iocd imports (about 316,000 values across ThreatFox, URLhaus, IPsum,
 * the OpenPhish, Phishing Army and red.flag.domains lists, SSLBL, CISA KEV, ATT&CK and vendor reports): IPv4 and
 * domains dominate at about 40% each, URLs follow at about 11% (a third with a port, most with a path and many
 * with a query), then hashes of all four lengths, IPv6, e-mail addresses, CVEs and ATT&CK techniques. The shares
 * are an estimate from the record counts of those feeds; see {@link #WEIGHTS}.
 *
 * <p>Every value is syntactically valid and normalises without rejection, but none is a real indicator:
 * <ul>
 *   <li>IPv4 addresses come from 198.18.0.0/15, which RFC 2544 reserves for benchmarking (131,072 addresses),
 *       and, once those are used up, from 240.0.0.0/8, reserved by RFC 1112 and never routed. The documentation
 *       ranges (192.0.2.0/24 and its two siblings) hold only 762 hosts, far too few for a million IOCs.</li>
 *   <li>IPv6 addresses lie in the documentation prefix 2001:db8::/32.</li>
 *   <li>Domains, URL hosts and e-mail domains are generated names under example.com, example.net, example.org
 *       (RFC 2606) or the reserved {@code .test} top-level domain; internationalised names are such names with a
 *       non-ASCII label, written either in Unicode or as the punycode A-label.</li>
 *   <li>Hashes are random hex digits, so they match no known file.</li>
 *   <li>CVE ids use sequence numbers from 9,000,000 up, which no CVE numbering authority has assigned, and
 *       ATT&CK ids use sub-technique numbers from .100 up, which MITRE has not used.</li>
 * </ul>
 *
 * <p>Values are unique within one generator (a counter per type is part of every value, and random hashes of 128
 * bits and more do not collide in practice), so importing N records stores N IOCs. Not thread-safe.
 */
public final class IocGenerator {
    /** Seed of the published benchmark files. */
    public static final long DEFAULT_SEED = 20_261_204L;

    /** The CSV header of {@link #writeCsv}; the importer maps these column names. */
    public static final String CSV_HEADER = "value,first_seen,confidence,tags,reference";

    /** Relative weight of each value shape, in parts per ten thousand. */
    static final List<Weighted> WEIGHTS = List.of(
            new Weighted(Shape.IPV4, 3_680),
            new Weighted(Shape.IPV4_PORT, 300),
            new Weighted(Shape.IPV4_CIDR, 20),
            new Weighted(Shape.IPV6, 100),
            new Weighted(Shape.DOMAIN, 3_940),
            new Weighted(Shape.DOMAIN_IDN, 60),
            new Weighted(Shape.URL, 1_070),
            new Weighted(Shape.MD5, 150),
            new Weighted(Shape.SHA1, 250),
            new Weighted(Shape.SHA256, 250),
            new Weighted(Shape.SHA512, 20),
            new Weighted(Shape.EMAIL, 80),
            new Weighted(Shape.CVE, 50),
            new Weighted(Shape.ATTACK, 30));

    private static final Instant NEWEST_SIGHTING = Instant.parse("2026-11-30T00:00:00Z");
    private static final long SIGHTING_SPAN_SECONDS = Duration.ofDays(365).toSeconds();
    private static final String[] ZONES = {"example.com", "example.net", "example.org", "test"};
    private static final String[] WORDS = {"login", "secure", "update", "cdn", "mail", "account", "verify", "pay",
        "portal", "cloud", "files", "docs", "auth", "support", "shop", "static", "api", "web", "drive", "office"};
    private static final String[] IDN_WORDS = {"bücher", "café", "größe", "münchen", "señal", "banqué", "pâtisserie",
        "zürich", "ελλάδα", "пример", "例え"};
    private static final String[] PATHS = {"bin.sh", "x86", "mips", "arm7", "i.sh", "update.exe", "invoice.zip",
        "index.php", "login.html", "gate.php", "payload.bin", "doc.pdf"};
    private static final String[] THREATS = {"botnet_cc", "payload_delivery", "payload", "phishing"};
    private static final String[] URL_SCHEMES = {"http", "https"};

    private final SplittableRandom random;
    private final HexFormat hex = HexFormat.of();
    private final long[] counters = new long[Shape.values().length];
    private long records;

    public IocGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The value shapes the generator writes. */
    enum Shape { IPV4, IPV4_PORT, IPV4_CIDR, IPV6, DOMAIN, DOMAIN_IDN, URL, MD5, SHA1, SHA256, SHA512, EMAIL, CVE, ATTACK }

    record Weighted(Shape shape, int weight) {
    }

    /**
     * One record as a feed would carry it: the value in raw form (an {@code ip:port}, a Unicode domain, an
     * upper-case hash), then the fields a ThreatFox-like CSV export has.
     *
     * @param value      raw value
     * @param firstSeen  first sighting
     * @param confidence 30 to 100
     * @param tags       threat type and malware family
     * @param reference  report URL, or an empty string
     */
    public record Record(String value, Instant firstSeen, int confidence, List<String> tags, String reference) {
    }

    /** Returns the next record. */
    public Record next() {
        Shape shape = pickShape();
        long n = counters[shape.ordinal()]++;
        records++;
        String value = value(shape, n);
        Instant firstSeen = NEWEST_SIGHTING.minusSeconds(random.nextLong(SIGHTING_SPAN_SECONDS));
        int confidence = 30 + random.nextInt(71);
        List<String> tags = List.of(THREATS[random.nextInt(THREATS.length)],
                String.format(Locale.ROOT, "family-%02d", random.nextInt(90)));
        String reference = random.nextInt(10) < 4
                ? "https://example.org/reports/" + (records / 1000) : "";
        return new Record(value, firstSeen, confidence, tags, reference);
    }

    /** Returns the next record normalised into an {@link Ioc}, the way the importer builds one from a CSV row. */
    public Ioc nextIoc() {
        Record record = next();
        NormalizedValue normalized = Normalizer.normalizeDetected(record.value());
        return Ioc.builder(normalized)
                .firstSeen(record.firstSeen())
                .confidence(record.confidence())
                .tags(record.tags())
                .reference(record.reference().isEmpty() ? null : record.reference())
                .source("bench")
                .build();
    }

    /** Writes {@code count} records as CSV with {@link #CSV_HEADER} to {@code file}. */
    public void writeCsv(Path file, long count) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(CSV_HEADER);
            out.write('\n');
            for (long i = 0; i < count; i++) {
                Record record = next();
                // No generated value or tag contains a quote, so quoting the comma-joined tags is enough.
                out.write(record.value());
                out.write(',');
                out.write(record.firstSeen().toString());
                out.write(',');
                out.write(Integer.toString(record.confidence()));
                out.write(",\"");
                out.write(String.join(",", record.tags()));
                out.write("\",");
                out.write(record.reference());
                out.write('\n');
            }
        }
    }

    private Shape pickShape() {
        int roll = random.nextInt(10_000);
        for (Weighted weighted : WEIGHTS) {
            roll -= weighted.weight();
            if (roll < 0) {
                return weighted.shape();
            }
        }
        return Shape.DOMAIN;
    }

    private String value(Shape shape, long n) {
        return switch (shape) {
            case IPV4 -> ipv4(ipv4Index());
            case IPV4_PORT -> ipv4(ipv4Index()) + ":" + port();
            case IPV4_CIDR -> String.format(Locale.ROOT, "241.%d.%d.0/24", (n >> 8) & 0xff, n & 0xff);
            case IPV6 -> ipv6(n);
            case DOMAIN -> domain(n);
            case DOMAIN_IDN -> idnDomain(n);
            case URL -> url(n);
            case MD5 -> hash(16);
            case SHA1 -> hash(20);
            case SHA256 -> hash(32);
            case SHA512 -> hash(64);
            case EMAIL -> String.format(Locale.ROOT, "%s.%s%s@%s", word(), word(), Long.toString(n, 36),
                    random.nextBoolean() ? "example.org" : "mail.example.com");
            case CVE -> String.format(Locale.ROOT, "CVE-%d-%d", 2000 + random.nextInt(26), 9_000_000 + n);
            case ATTACK -> String.format(Locale.ROOT, "T%d.%03d", 1000 + n / 900, 100 + n % 900);
        };
    }

    // Plain addresses and ip:port share one counter, so that every IPv4 record names a different address.
    private long ipv4Index() {
        return counters[Shape.IPV4.ordinal()] + counters[Shape.IPV4_PORT.ordinal()];
    }

    /** Maps index n to a distinct address: 198.18.0.0/15 first, then 240.0.0.0/8, in a scattered order. */
    static String ipv4(long n) {
        long address;
        if (n < (1 << 17)) {
            address = (198L << 24 | 18L << 16) + scatter(n, 17);
        } else if (n - (1 << 17) < (1 << 24)) {
            address = (240L << 24) + scatter(n - (1 << 17), 24);
        } else {
            throw new IllegalStateException("more than 16,908,288 IPv4 records requested");
        }
        return String.format(Locale.ROOT, "%d.%d.%d.%d",
                address >>> 24, (address >>> 16) & 0xff, (address >>> 8) & 0xff, address & 0xff);
    }

    // Multiplying by an odd constant is a bijection modulo 2^bits, so distinct indexes stay distinct.
    private static long scatter(long n, int bits) {
        return (n * 0x9E3779B1L) & ((1L << bits) - 1);
    }

    private String ipv6(long n) {
        int style = random.nextInt(10);
        if (style == 0) {
            return String.format(Locale.ROOT, "2001:db8:%x:%x::/64", 0x8000 | (n >>> 16) & 0x7fff, n & 0xffff);
        }
        if (style < 4) {
            // Zero-padded, fully expanded form as some Tor node lists publish it.
            return String.format(Locale.ROOT, "2001:0db8:%04x:%04x:0000:0000:0000:%04x",
                    (n >>> 16) & 0x7fff, n & 0xffff, 1 + random.nextInt(0xfffe));
        }
        return String.format(Locale.ROOT, "2001:db8:%x:%x::%x", (n >>> 16) & 0x7fff, n & 0xffff,
                1 + random.nextInt(0xfffe));
    }

    private String domain(long n) {
        String label = word() + "-" + Long.toString(n, 36);
        String zone = ZONES[random.nextInt(ZONES.length)];
        int depth = random.nextInt(4);
        return switch (depth) {
            case 0 -> label + "." + zone;
            case 1 -> word() + "." + label + "." + zone;
            case 2 -> word() + "-" + word() + "-" + label + "." + zone;
            default -> "www." + label + "." + word() + "." + zone;
        };
    }

    private String idnDomain(long n) {
        String unicode = IDN_WORDS[random.nextInt(IDN_WORDS.length)] + "-" + Long.toString(n, 36) + "."
                + ZONES[random.nextInt(ZONES.length)];
        return random.nextBoolean() ? unicode : IDN.toASCII(unicode);
    }

    private String url(long n) {
        StringBuilder url = new StringBuilder(URL_SCHEMES[random.nextInt(2)]).append("://");
        boolean ipHost = random.nextBoolean();
        if (ipHost) {
            // URL hosts may repeat an address used elsewhere: the URL itself stays unique through its path.
            url.append(ipv4(random.nextLong(1 << 17)));
        } else {
            url.append(word()).append('-').append(Long.toString(random.nextLong(1_000_000), 36)).append('.')
                    .append(ZONES[random.nextInt(ZONES.length)]);
        }
        if (random.nextInt(3) == 0 || ipHost && random.nextBoolean()) {
            url.append(':').append(port());
        }
        url.append('/').append(word()).append('/').append(Long.toString(n, 36)).append('/')
                .append(PATHS[random.nextInt(PATHS.length)]);
        if (random.nextInt(5) < 2) {
            url.append("?id=").append(random.nextInt(100_000)).append("&token=").append(hash(8));
            if (random.nextBoolean()) {
                url.append("&ref=").append(word());
            }
        }
        return url.toString();
    }

    private int port() {
        return random.nextInt(4) == 0 ? new int[] {80, 443, 8080, 8443}[random.nextInt(4)]
                : 1024 + random.nextInt(64_511);
    }

    private String hash(int bytes) {
        byte[] digest = new byte[bytes];
        random.nextBytes(digest);
        String text = hex.formatHex(digest);
        // Some lists publish hashes in upper case; the normaliser lowercases them.
        return random.nextInt(10) == 0 ? text.toUpperCase(Locale.ROOT) : text;
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    /**
     * Writes a benchmark CSV. Arguments: {@code COUNT FILE [SEED]}; COUNT accepts the suffixes k and M
     * ({@code 10k}, {@code 1M}).
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: IocGenerator COUNT FILE [SEED]   (COUNT such as 10000, 100k or 1M)");
            System.exit(2);
        }
        long count = parseCount(args[0]);
        Path file = Path.of(args[1]);
        long seed = args.length == 3 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        long started = System.nanoTime();
        new IocGenerator(seed).writeCsv(file, count);
        System.out.printf(Locale.ROOT, "wrote %,d records (seed %d) to %s in %.1f s%n", count, seed, file,
                (System.nanoTime() - started) / 1e9);
    }

    static long parseCount(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace("_", "");
        if (lower.endsWith("k")) {
            return Long.parseLong(lower.substring(0, lower.length() - 1)) * 1_000;
        }
        if (lower.endsWith("m")) {
            return Long.parseLong(lower.substring(0, lower.length() - 1)) * 1_000_000;
        }
        return Long.parseLong(lower);
    }
}
