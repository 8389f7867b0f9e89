package iocd.taxii;

import com.fasterxml.jackson.core.JsonGenerator;
import iocd.stix.RenderOptions;
import iocd.stix.StixRenderer;
import iocd.stix.Timestamps;
import iocd.store.StoredIoc;
import java.io.IOException;
import java.util.List;

/** Writes the TAXII 2.1 resources on a streaming generator. */
final class TaxiiWriter {
    /**
     * Objects served over TAXII reference no identity: a collection holds only the IOC objects, and a poller such as
     * OpenCTI would otherwise wait for an identity object that no page carries. Markings are referenced by the
     * well-known OASIS TLP 2.0 ids.
     */
    static final RenderOptions OPTIONS = new RenderOptions(false, false, null);

    private TaxiiWriter() {
    }

    static void discovery(JsonGenerator g, TaxiiSettings settings, String apiRoot) throws IOException {
        g.writeStartObject();
        g.writeStringField("title", settings.title());
        g.writeStringField("description", settings.description());
        g.writeStringField("contact", settings.contact());
        g.writeStringField("default", apiRoot);
        g.writeArrayFieldStart("api_roots");
        g.writeString(apiRoot);
        g.writeEndArray();
        g.writeEndObject();
    }

    static void apiRoot(JsonGenerator g, TaxiiSettings settings, long maxContentLength) throws IOException {
        g.writeStartObject();
        g.writeStringField("title", settings.title());
        g.writeStringField("description", "Indicators of compromise as STIX 2.1 objects, one collection per IOC type "
                + "and one holding every type.");
        g.writeArrayFieldStart("versions");
        g.writeString(TaxiiMedia.TAXII);
        g.writeEndArray();
        g.writeNumberField("max_content_length", maxContentLength);
        g.writeEndObject();
    }

    static void collections(JsonGenerator g, boolean canRead, boolean canWrite) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("collections");
        for (TaxiiCollection collection : TaxiiCollection.ALL) {
            collection(g, collection, canRead, canWrite);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void collection(JsonGenerator g, TaxiiCollection collection, boolean canRead, boolean canWrite)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("id", collection.id().toString());
        g.writeStringField("title", collection.title());
        g.writeStringField("description", collection.description());
        g.writeStringField("alias", collection.alias());
        g.writeBooleanField("can_read", canRead);
        g.writeBooleanField("can_write", canWrite);
        g.writeArrayFieldStart("media_types");
        g.writeString(TaxiiMedia.STIX);
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The envelope: {@code more}, {@code next} and {@code objects}; an empty page is {@code {}}. */
    static void envelope(JsonGenerator g, Page page, StixRenderer renderer) throws IOException {
        g.writeStartObject();
        if (!page.isEmpty()) {
            paging(g, page);
            if (!page.rows().isEmpty()) {
                g.writeArrayFieldStart("objects");
                for (StoredIoc ioc : page.rows()) {
                    renderer.writeObject(g, ioc, OPTIONS);
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    static void manifest(JsonGenerator g, Page page) throws IOException {
        g.writeStartObject();
        if (!page.isEmpty()) {
            paging(g, page);
            if (!page.rows().isEmpty()) {
                g.writeArrayFieldStart("objects");
                for (StoredIoc ioc : page.rows()) {
                    g.writeStartObject();
                    g.writeStringField("id", ioc.stixId());
                    g.writeStringField("date_added", Timestamps.taxii(ioc.dateAdded()));
                    g.writeStringField("version", Timestamps.stix(ioc.modified()));
                    g.writeStringField("media_type", TaxiiMedia.STIX);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    static void versions(JsonGenerator g, Page page) throws IOException {
        g.writeStartObject();
        if (!page.isEmpty()) {
            paging(g, page);
            if (!page.rows().isEmpty()) {
                g.writeArrayFieldStart("versions");
                for (StoredIoc ioc : page.rows()) {
                    g.writeString(Timestamps.stix(ioc.modified()));
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    private static void paging(JsonGenerator g, Page page) throws IOException {
        g.writeBooleanField("more", page.more());
        if (page.next() != null) {
            g.writeStringField("next", page.next());
        }
    }

    /** The first and last {@code date_added} of a page, for the X-TAXII-Date-Added headers. */
    static List<String> dateAddedRange(Page page) {
        List<StoredIoc> rows = page.rows();
        String first = Timestamps.taxii(rows.get(0).dateAdded());
        return List.of(first, Timestamps.taxii(rows.get(rows.size() - 1).dateAdded()));
    }
}
