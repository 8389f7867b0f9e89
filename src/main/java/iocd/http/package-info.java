/** The web server, REST v1 routes, error mapping and content negotiation. */
@NullMarked
package iocd.http;

import org.jspecify.annotations.NullMarked;
