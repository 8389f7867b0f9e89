/** iocd: stores indicators of compromise and publishes them as STIX 2.1 bundles and TAXII 2.1 collections. */
@NullMarked
package iocd;

import org.jspecify.annotations.NullMarked;
