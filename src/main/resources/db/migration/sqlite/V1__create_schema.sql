-- Times are integer microseconds since the epoch (UTC). Lists are JSON arrays of strings. UUIDs are 16-byte
-- big-endian blobs, which sort like PostgreSQL's uuid type and keep the randomly keyed indexes small.
-- tlp_rank is the source marking as an ordinal (CLEAR 0 .. RED 4, 0 when unmarked) so that TLP clearance is a
-- plain SQL comparison.

-- Current state: one row per IOC, carrying the seq and date_added of its current version.
CREATE TABLE ioc (
    id                BLOB    NOT NULL PRIMARY KEY,
    type              TEXT    NOT NULL,
    value             TEXT    NOT NULL,
    name              TEXT,
    description       TEXT,
    confidence        INTEGER,
    created           INTEGER NOT NULL,
    modified          INTEGER NOT NULL,
    valid_from        INTEGER NOT NULL,
    last_seen         INTEGER,
    valid_until       INTEGER,
    tags              TEXT    NOT NULL,
    kill_chain_phases TEXT    NOT NULL,
    indicator_types   TEXT    NOT NULL,
    source_tlp        TEXT,
    tlp_rank          INTEGER NOT NULL,
    reference         TEXT,
    revoked           INTEGER NOT NULL,
    version           INTEGER NOT NULL,
    seq               INTEGER NOT NULL,
    date_added        INTEGER NOT NULL,
    UNIQUE (type, value)
);
CREATE INDEX ioc_modified ON ioc (modified, id);
CREATE INDEX ioc_type_modified ON ioc (type, modified, id);
CREATE INDEX ioc_date_added ON ioc (date_added, seq);
CREATE INDEX ioc_type_date_added ON ioc (type, date_added, seq);

-- Append-only history: one full snapshot per published version.
CREATE TABLE ioc_version (
    seq               INTEGER NOT NULL PRIMARY KEY,
    ioc_id            BLOB    NOT NULL,
    type              TEXT    NOT NULL,
    value             TEXT    NOT NULL,
    name              TEXT,
    description       TEXT,
    confidence        INTEGER,
    created           INTEGER NOT NULL,
    modified          INTEGER NOT NULL,
    valid_from        INTEGER NOT NULL,
    last_seen         INTEGER,
    valid_until       INTEGER,
    tags              TEXT    NOT NULL,
    kill_chain_phases TEXT    NOT NULL,
    indicator_types   TEXT    NOT NULL,
    source_tlp        TEXT,
    tlp_rank          INTEGER NOT NULL,
    reference         TEXT,
    revoked           INTEGER NOT NULL,
    version           INTEGER NOT NULL,
    date_added        INTEGER NOT NULL,
    UNIQUE (ioc_id, version)
);
CREATE INDEX ioc_version_date_added ON ioc_version (date_added, seq);
CREATE INDEX ioc_version_type_date_added ON ioc_version (type, date_added, seq);

-- The last sequence number and stamp handed out; exactly one row.
CREATE TABLE stamp_state (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    last_seq   INTEGER NOT NULL,
    last_stamp INTEGER NOT NULL
);
INSERT INTO stamp_state (id, last_seq, last_stamp) VALUES (1, 0, 0);

CREATE TABLE api_keys (
    id        TEXT    NOT NULL PRIMARY KEY,
    name      TEXT    NOT NULL,
    plan      TEXT    NOT NULL,
    clearance TEXT    NOT NULL,
    hash      TEXT    NOT NULL UNIQUE,
    prefix    TEXT    NOT NULL,
    created   INTEGER NOT NULL,
    revoked   INTEGER
);

CREATE TABLE taxii_status (
    id      BLOB    NOT NULL PRIMARY KEY,
    json    TEXT    NOT NULL,
    expires INTEGER NOT NULL
);
CREATE INDEX taxii_status_expires ON taxii_status (expires);

CREATE TABLE settings (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
