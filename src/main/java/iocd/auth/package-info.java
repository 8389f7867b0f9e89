/** API keys (stored hashed), plans, scopes, TLP clearance and rate limiting. */
@NullMarked
package iocd.auth;

import org.jspecify.annotations.NullMarked;
