package iocd.taxii;

import java.util.Objects;

/**
 * Descriptive text of the discovery and API root resources.
 *
 * @param title       server title shown by TAXII clients
 * @param description one sentence on what the server offers
 * @param contact     whom to contact about the server
 */
public record TaxiiSettings(String title, String description, String contact) {
    /** Settings used when the configuration gives none. */
    public static final TaxiiSettings DEFAULTS = new TaxiiSettings("iocd TAXII 2.1 server",
            "Indicators of compromise collected, normalised and versioned by iocd.", "the operator of this server");

    public TaxiiSettings {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(contact, "contact");
        if (title.isBlank()) {
            throw new IllegalArgumentException("TAXII server title must not be blank");
        }
    }
}
