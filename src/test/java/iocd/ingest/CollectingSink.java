package iocd.ingest;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps everything a parser reports, for parser tests that need no store. */
final class CollectingSink implements IocSink {
    final List<Ioc> iocs = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();

    @Override
    public void accept(Ioc ioc) {
        iocs.add(ioc);
    }

    @Override
    public void reject(Rejection rejection) {
        rejections.add(rejection);
    }

    @Override
    public void skip(String location, String kind) {
        skipped.add(kind);
    }

    static CollectingSink parse(FeedParser parser, String resource) throws IOException {
        try (InputStream in = CollectingSink.class.getResourceAsStream("/ingest/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("test resource missing: " + resource);
            }
            return parse(parser, in);
        }
    }

    static CollectingSink parseText(FeedParser parser, String text) throws IOException {
        return parse(parser, new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static CollectingSink parse(FeedParser parser, InputStream in) throws IOException {
        CollectingSink sink = new CollectingSink();
        parser.parse(in, sink);
        return sink;
    }

    Ioc find(IocType type, String value) {
        return findOptional(type, value).orElseThrow(() -> new AssertionError(
                "no " + type.apiName() + " '" + value + "' among " + values()));
    }

    Optional<Ioc> findOptional(IocType type, String value) {
        return iocs.stream().filter(ioc -> ioc.type() == type && ioc.value().equals(value)).findFirst();
    }

    List<String> values() {
        return iocs.stream().map(Ioc::value).toList();
    }

    List<String> reasons() {
        return rejections.stream().map(Rejection::toString).toList();
    }
}
