/** IOC types, the Ioc record, normalisation and validation per type, refanging. */
@NullMarked
package iocd.ioc;

import org.jspecify.annotations.NullMarked;
