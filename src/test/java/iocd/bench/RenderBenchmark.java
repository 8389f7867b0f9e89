package iocd.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import iocd.ioc.Ioc;
import iocd.stix.RenderOptions;
import iocd.stix.RenderSettings;
import iocd.stix.StixRenderer;
import iocd.store.ModifiedQuery;
import iocd.store.SqliteStore;
import iocd.store.StoredIoc;
import iocd.store.Visibility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The rendering step alone: one page of 1,000 generated IOCs (read back from a SQLite store, so they have exactly
 * the shape the endpoint reads) written as a STIX bundle, next to writing the same bundle's bytes when they are
 * already serialised. Scores are nanoseconds per indicator.
 *
 * <ul>
 *   <li>{@code render}: {@link StixRenderer#writeBundle}, as the bundle endpoint calls it;</li>
 *   <li>{@code preSerialisedObjects}: the same bundle with each object taken from a cache of its JSON text and
 *       written with {@link JsonGenerator#writeRawValue(String)}, the cost a per-object JSON cache would have;</li>
 *   <li>{@code preSerialisedBytes}: one copy of the finished bundle's bytes, the floor for any writer.</li>
 * </ul>
 *
 * <p>All three write into the same reused in-memory buffer, so no socket or disk time is included. Run with
 * {@code bench/run.sh render}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RenderBenchmark {
    static final int PAGE = 1_000;
    private static final String BUNDLE_ID = "bundle--6ba7b810-9dad-41d1-80b4-00c04fd430c8";

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream(1 << 21);
    private StixRenderer renderer;
    private List<StoredIoc> page;
    private List<String> objectJson;
    private byte[] bundleBytes;

    @Setup
    public void setUp() throws IOException {
        renderer = new StixRenderer(RenderSettings.defaults("identity--0f5f1ec3-2b5c-4d3e-9a57-2c0e3f1d8a11",
                Instant.parse("2026-01-01T00:00:00Z")));
        page = storedPage();
        sink.reset();
        renderer.writeBundle(sink, page, RenderOptions.DEFAULT, BUNDLE_ID);
        bundleBytes = sink.toByteArray();
        // The bundle's own objects (identity, markings, indicators), each as the JSON text a cache would hold.
        objectJson = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (JsonNode object : mapper.readTree(bundleBytes).get("objects")) {
            objectJson.add(mapper.writeValueAsString(object));
        }
    }

    /** Merges one page of generated IOCs into a throw-away SQLite store and reads it back in page order. */
    private static List<StoredIoc> storedPage() throws IOException {
        Path folder = Files.createTempDirectory("iocd-render-bench");
        try (SqliteStore store = SqliteStore.open(folder.resolve("iocd.db"), Clock.systemUTC())) {
            IocGenerator generator = new IocGenerator(IocGenerator.DEFAULT_SEED);
            List<Ioc> batch = new ArrayList<>();
            for (int i = 0; i < PAGE; i++) {
                batch.add(generator.nextIoc());
            }
            store.merge(batch);
            return store.listByModified(new ModifiedQuery(Set.of(), Instant.EPOCH, null,
                    Visibility.everything(RenderSettings.DEFAULT_GREEN_THRESHOLD), PAGE));
        } finally {
            deleteTree(folder);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAGE)
    public int render() throws IOException {
        sink.reset();
        renderer.writeBundle(sink, page, RenderOptions.DEFAULT, BUNDLE_ID);
        return sink.size();
    }

    @Benchmark
    @OperationsPerInvocation(PAGE)
    public int preSerialisedObjects() throws IOException {
        sink.reset();
        try (JsonGenerator g = renderer.createGenerator(sink)) {
            g.writeStartObject();
            g.writeStringField("type", "bundle");
            g.writeStringField("id", BUNDLE_ID);
            g.writeFieldName("objects");
            g.writeStartArray();
            for (String json : objectJson) {
                g.writeRawValue(json);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return sink.size();
    }

    @Benchmark
    @OperationsPerInvocation(PAGE)
    public int preSerialisedBytes() {
        sink.reset();
        sink.write(bundleBytes, 0, bundleBytes.length);
        return sink.size();
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
