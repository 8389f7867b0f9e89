package iocd.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import iocd.ioc.Ioc;
import iocd.ioc.Tlp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts single, already parsed STIX objects with the rules of the STIX import ({@code iocd import --format
 * stix}), for callers that need an outcome per object, such as the TAXII add-objects endpoint.
 */
public final class StixObjects {
    private StixObjects() {
    }

    /**
     * What one STIX object becomes.
     *
     * @param iocs    the IOCs it yields (an indicator whose pattern ORs several values yields several)
     * @param failure why it yields nothing, when it does; a type iocd does not import is a failure here
     */
    public record Conversion(List<Ioc> iocs, Optional<String> failure) {
        public Conversion {
            iocs = List.copyOf(iocs);
        }
    }

    /**
     * Converts one object. Marking definitions are not remembered across calls: only the OASIS TLP marking ids
     * set an IOC's TLP.
     */
    public static Conversion convert(JsonNode object) {
        return convert(object, new HashMap<>());
    }

    /**
     * Converts one object of a set, such as a TAXII envelope. A TLP marking definition converted earlier with the
     * same {@code markings} map is applied to the objects that reference it.
     */
    public static Conversion convert(JsonNode object, Map<String, Tlp> markings) {
        Collecting sink = new Collecting();
        new StixParser.StixObject(object, "object", sink, markings).convert();
        if (!sink.reasons.isEmpty()) {
            return new Conversion(List.of(), Optional.of(String.join("; ", sink.reasons)));
        }
        if (sink.iocs.isEmpty()) {
            return new Conversion(List.of(), Optional.of("objects of this type are not imported"));
        }
        return new Conversion(sink.iocs, Optional.empty());
    }

    private static final class Collecting implements IocSink {
        private final List<Ioc> iocs = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();

        @Override
        public void accept(Ioc ioc) {
            iocs.add(ioc);
        }

        @Override
        public void reject(Rejection rejection) {
            reasons.add(rejection.reason());
        }

        @Override
        public void skip(String location, String kind) {
            reasons.add("objects of type '" + kind + "' are not imported");
        }
    }
}
