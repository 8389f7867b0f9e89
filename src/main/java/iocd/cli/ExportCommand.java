package iocd.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import iocd.IocdException;
import iocd.ioc.IocType;
import iocd.ioc.Tlp;
import iocd.stix.RenderOptions;
import iocd.stix.StixRenderer;
import iocd.store.IocStore;
import iocd.store.ModifiedQuery;
import iocd.store.StoredIoc;
import iocd.store.Visibility;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code iocd export}: writes the same STIX 2.1 bundle as {@code GET /api/v1/iocs/stix}, offline and without
 * a lookback or TLP clearance limit, streaming page by page so the export size does not bound memory.
 */
@Command(name = "export", description = "Write a STIX 2.1 bundle of the stored IOCs to a file or standard output.")
final class ExportCommand implements Callable<Integer> {
    private static final int PAGE = 1000;

    @Mixin
    DataOptions data;

    @Option(names = "--type", description = "Only this IOC type: ipv4, ipv6, domain, url, md5, sha1, sha256, "
            + "sha512, email, cve, mitre_attack (default: all).")
    String type;

    @Option(names = "--since", description = "Only IOCs modified at or after this ISO 8601 time or date.")
    String since;

    @Option(names = "--limit", description = "At most this many objects (default: all).")
    Long limit;

    @Option(names = "--tlp", description = "Force this TLP on every object (never looser than a source marking).")
    String tlp;

    @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Set<IocType> types = type == null ? Set.of() : Set.of(IocType.fromApiName(type).orElseThrow(
                () -> new IocdException("invalid_type", "invalid --type '" + type + "': expected one of "
                        + IocType.apiNames())));
        Instant from = since == null ? Instant.EPOCH : parseSince(since);
        if (limit != null && limit < 1) {
            throw new IocdException("invalid_limit", "invalid --limit " + limit + ": expected a positive number");
        }
        Tlp forced = tlp == null ? null : Tlp.parse(tlp).orElseThrow(() -> new IocdException("invalid_tlp",
                "invalid --tlp '" + tlp + "': expected clear, green, amber, amber+strict or red"));
        RenderOptions options = new RenderOptions(true, true, forced);

        long started = System.nanoTime();
        try (Runtime runtime = Runtime.open(data.config())) {
            StixRenderer renderer = runtime.renderer();
            Visibility everything = Visibility.everything(runtime.config.greenThreshold());
            long max = limit == null ? Long.MAX_VALUE : limit;
            Set<Tlp> markings = EnumSet.noneOf(Tlp.class);
            forEach(runtime.store, types, from, everything, max,
                    ioc -> markings.add(renderer.effectiveTlp(ioc, forced)));

            long[] written = {0};
            if (out == null) {
                write(System.out, renderer, runtime.store, types, from, everything, max, options, markings, written);
            } else {
                // Written beside the target and moved into place, so a failed export never leaves a torn file.
                Path temp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + "." + UUID.randomUUID() + ".tmp");
                try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                    write(file, renderer, runtime.store, types, from, everything, max, options, markings, written);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(temp);
                    throw e;
                }
                Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.err.printf(Locale.ROOT, "Exported %d objects%s in %.2f s.%n", written[0],
                    out == null ? "" : " to " + out + " (" + Files.size(out) + " bytes)", seconds);
        }
        return 0;
    }

    private static void write(OutputStream stream, StixRenderer renderer, IocStore store, Set<IocType> types,
            Instant from, Visibility visibility, long max, RenderOptions options, Set<Tlp> markings, long[] written)
            throws IOException {
        try (JsonGenerator g = renderer.createGenerator(stream)) {
            g.writeStartObject();
            g.writeStringField("type", "bundle");
            g.writeStringField("id", "bundle--" + UUID.randomUUID());
            g.writeFieldName("objects");
            g.writeStartArray();
            renderer.writeIdentity(g);
            for (Tlp level : markings) {
                renderer.writeMarking(g, level);
            }
            IOException[] failure = {null};
            forEach(store, types, from, visibility, max, ioc -> {
                if (failure[0] == null) {
                    try {
                        renderer.writeObject(g, ioc, options);
                        written[0]++;
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        stream.flush();
    }

    private static void forEach(IocStore store, Set<IocType> types, Instant from, Visibility visibility, long max,
            Consumer<StoredIoc> action) {
        long seen = 0;
        ModifiedQuery.Cursor cursor = null;
        while (seen < max) {
            int pageSize = (int) Math.min(PAGE, max - seen);
            List<StoredIoc> page = store.listByModified(new ModifiedQuery(types, from, cursor, visibility, pageSize));
            for (StoredIoc ioc : page) {
                action.accept(ioc);
            }
            seen += page.size();
            if (page.size() < pageSize) {
                return;
            }
            StoredIoc last = page.get(page.size() - 1);
            cursor = new ModifiedQuery.Cursor(last.modified(), last.id());
        }
    }

    private static Instant parseSince(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IocdException("invalid_since", "invalid --since '" + text
                    + "': expected an ISO 8601 time such as 2026-05-15T00:00:00Z or a date such as 2026-05-15");
        }
    }
}
