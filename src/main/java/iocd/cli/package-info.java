/** The iocd command line: serve, import, export, keys. */
@NullMarked
package iocd.cli;

import org.jspecify.annotations.NullMarked;
