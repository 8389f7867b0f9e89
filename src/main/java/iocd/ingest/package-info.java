/** Input formats, batching, merge into the store and import reports. */
@NullMarked
package iocd.ingest;

import org.jspecify.annotations.NullMarked;
