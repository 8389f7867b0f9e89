package iocd.ingest;

import iocd.ioc.IocType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Column roles of one CSV file, resolved from a {@link CsvMapping} and the header. Indexes are 0-based, -1 absent. */
record CsvColumns(int value, List<IocType> valueTypes, int type, int firstSeen, int lastSeen, int validUntil,
        int tags, int confidence, int description, int name, int reference, int port, int tlp) {

    static final Set<String> VALUE_NAMES = Set.of("ioc", "iocvalue", "indicator", "indicatorvalue", "value",
            "observable", "observablevalue", "data", "artifact", "entity");
    static final Set<String> TYPE_NAMES = Set.of("type", "ioctype", "indicatortype", "observabletype", "kind",
            "datatype", "attributetype");
    static final Set<String> FIRST_SEEN_NAMES = Set.of("firstseen", "firstseenutc", "datefirstseen", "dateadded",
            "added", "created", "creationdate", "validfrom", "date", "timestamp", "listingdate");
    static final Set<String> LAST_SEEN_NAMES = Set.of("lastseen", "lastseenutc", "lastonline");
    static final Set<String> VALID_UNTIL_NAMES = Set.of("validuntil", "endofvalidity", "expiration", "expires",
            "expiry");
    static final Set<String> TAG_NAMES = Set.of("tags", "tag", "labels", "label", "malware", "malwarefamily",
            "family", "threat");
    static final Set<String> CONFIDENCE_NAMES = Set.of("confidence", "confidencelevel");
    static final Set<String> DESCRIPTION_NAMES = Set.of("description", "shortdescription", "comment", "comments",
            "context", "notes", "listingreason", "reason");
    static final Set<String> NAME_NAMES = Set.of("name", "title");
    static final Set<String> REFERENCE_NAMES = Set.of("reference", "references", "link", "sourceurl", "reporturl");
    static final Set<String> PORT_NAMES = Set.of("port", "dstport", "destport", "destinationport", "dport");
    static final Set<String> TLP_NAMES = Set.of("tlp", "tlplevel", "tlpmarking", "marking", "trafficlightprotocol");

    private static final List<Set<String>> ALL_NAMES = List.of(VALUE_NAMES, TYPE_NAMES, FIRST_SEEN_NAMES,
            LAST_SEEN_NAMES, VALID_UNTIL_NAMES, TAG_NAMES, CONFIDENCE_NAMES, DESCRIPTION_NAMES, NAME_NAMES,
            REFERENCE_NAMES, PORT_NAMES, TLP_NAMES);

    /** Returns true when the header cell is one of the recognised column names. */
    static boolean isKnownName(String cell) {
        String key = TypeNames.key(cell);
        return ALL_NAMES.stream().anyMatch(names -> names.contains(key)) || typeNamedColumn(cell).isPresent();
    }

    /**
     * Resolves the roles from a header. The value column stays -1 when neither the mapping nor a header name
     * gives it; the parser then picks it from the first data row.
     */
    static CsvColumns fromHeader(CsvMapping mapping, List<String> header) {
        int value = column(mapping.value(), header, VALUE_NAMES, "value");
        List<IocType> valueTypes = List.of();
        if (value < 0 && mapping.value() == null) {
            for (int i = 0; i < header.size() && value < 0; i++) {
                Optional<List<IocType>> types = typeNamedColumn(header.get(i));
                if (types.isPresent()) {
                    value = i;
                    valueTypes = types.get();
                }
            }
        } else if (value >= 0) {
            valueTypes = typeNamedColumn(header.get(value)).orElse(List.of());
        }
        return new CsvColumns(value, valueTypes,
                column(mapping.type(), header, TYPE_NAMES, "type"),
                column(mapping.firstSeen(), header, FIRST_SEEN_NAMES, "first seen"),
                column(null, header, LAST_SEEN_NAMES, "last seen"),
                column(null, header, VALID_UNTIL_NAMES, "valid until"),
                column(mapping.tags(), header, TAG_NAMES, "tags"),
                column(mapping.confidence(), header, CONFIDENCE_NAMES, "confidence"),
                column(mapping.description(), header, DESCRIPTION_NAMES, "description"),
                column(null, header, NAME_NAMES, "name"),
                column(null, header, REFERENCE_NAMES, "reference"),
                column(null, header, PORT_NAMES, "port"),
                column(null, header, TLP_NAMES, "tlp"));
    }

    /** Resolves the roles of a file without header: only numbered columns from the mapping. */
    static CsvColumns numbered(CsvMapping mapping, int width) {
        List<String> none = java.util.Collections.nCopies(width, "");
        return new CsvColumns(column(mapping.value(), none, Set.of(), "value"), List.of(),
                column(mapping.type(), none, Set.of(), "type"),
                column(mapping.firstSeen(), none, Set.of(), "first seen"), -1, -1,
                column(mapping.tags(), none, Set.of(), "tags"),
                column(mapping.confidence(), none, Set.of(), "confidence"),
                column(mapping.description(), none, Set.of(), "description"), -1, -1, -1, -1);
    }

    CsvColumns withValue(int column, int typeColumn) {
        return new CsvColumns(column, valueTypes, type >= 0 ? type : typeColumn, firstSeen, lastSeen, validUntil,
                tags, confidence, description, name, reference, port, tlp);
    }

    /**
     * Returns the types of a header that is itself a type name ({@code SHA1}, {@code dst_ip}, {@code cveID}), which
     * marks a value column of that type. URL-named columns are left out because they usually contain a reference.
     */
    static Optional<List<IocType>> typeNamedColumn(String cell) {
        return TypeNames.resolve(cell).filter(types -> !types.contains(IocType.URL));
    }

    private static int column(@Nullable String requested, List<String> header, Set<String> names, String role) {
        if (requested != null) {
            return explicit(requested, header, role);
        }
        for (int i = 0; i < header.size(); i++) {
            if (names.contains(TypeNames.key(header.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static int explicit(String requested, List<String> header, String role) {
        String text = requested.strip();
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(text);
            if (number >= 1 && number <= header.size()) {
                return number - 1;
            }
        }
        String key = TypeNames.key(text);
        for (int i = 0; i < header.size(); i++) {
            if (!key.isEmpty() && TypeNames.key(header.get(i)).equals(key)) {
                return i;
            }
        }
        throw new ImportException("invalid_mapping", String.format(Locale.ROOT,
                "CSV %s column '%s' not found: the file has %d columns%s; name a header or give a number from 1",
                role, requested, header.size(), header.stream().allMatch(String::isEmpty) ? "" : " " + header));
    }
}
