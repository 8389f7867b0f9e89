/** The IocStore interface, its SQLite and PostgreSQL implementations, migrations and keyset cursors. */
@NullMarked
package iocd.store;

import org.jspecify.annotations.NullMarked;
