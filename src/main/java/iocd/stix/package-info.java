/** STIX 2.1 rendering: patterns, ids, TLP markings, identity, bundle and envelope writers. */
@NullMarked
package iocd.stix;

import org.jspecify.annotations.NullMarked;
