package iocd.cli;

import iocd.ioc.InvalidIocException;
import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import iocd.ioc.NormalizedValue;
import iocd.ioc.Normalizer;
import iocd.ioc.Tlp;
import iocd.store.IocStore;
import iocd.store.MergeResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The small built-in demo set: one or more IOCs of every type, all from documentation ranges and names. */
final class DemoData {
    private static final String RESOURCE = "/iocd/demo/demo-iocs.csv";

    private DemoData() {
    }

    /** Loads the demo set into the store; running it again changes nothing. */
    static MergeResult load(IocStore store) {
        return store.merge(read());
    }

    static List<Ioc> read() {
        List<Ioc> iocs = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(DemoData.class.getResourceAsStream(RESOURCE), RESOURCE);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    iocs.add(parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in demo set " + RESOURCE, e);
        }
        return iocs;
    }

    private static Ioc parse(String line) {
        String[] fields = Arrays.copyOf(line.split(",", -1), 6);
        IocType type = IocType.fromApiName(fields[0]).orElseThrow(
                () -> new InvalidIocException(fields[0], null, "unknown type in the demo set"));
        NormalizedValue value = Normalizer.normalize(type, fields[1]);
        return Ioc.builder(value)
                .confidence(Integer.valueOf(fields[2]))
                .tags(blankToEmpty(fields[3]))
                .sourceTlp(fields[4] == null || fields[4].isBlank() ? null : Tlp.parse(fields[4]).orElseThrow())
                .killChainPhases(blankToEmpty(fields[5]))
                .source("demo")
                .build();
    }

    private static List<String> blankToEmpty(String field) {
        return field == null || field.isBlank() ? List.of() : List.of(field.split(";"));
    }
}
