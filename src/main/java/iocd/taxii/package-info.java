/** TAXII 2.1 resources, filters and pagination. */
@NullMarked
package iocd.taxii;

import org.jspecify.annotations.NullMarked;
