/** The immutable configuration built from defaults, environment and flags. */
@NullMarked
package iocd.config;

import org.jspecify.annotations.NullMarked;
