package iocd.stix;

import iocd.ioc.Tlp;
import org.jspecify.annotations.Nullable;

/**
 * Per-request choices of the STIX renderer.
 *
 * @param includeIdentity whether to emit the identity SDO and point each object's {@code created_by_ref} at it
 * @param includeMarkings whether to embed the TLP marking definitions the objects reference.
 *                        The objects carry {@code object_marking_refs} either way.
 * @param forcedTlp       TLP requested by the client, or null. It can make an object's marking stricter, never looser.
 */
public record RenderOptions(boolean includeIdentity, boolean includeMarkings, @Nullable Tlp forcedTlp) {

    /** Identity and markings included, no requested TLP. */
    public static final RenderOptions DEFAULT = new RenderOptions(true, true, null);
}
