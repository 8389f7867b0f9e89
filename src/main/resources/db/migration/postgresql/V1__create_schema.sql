-- Times are bigint microseconds since the epoch (UTC). Lists are JSON arrays of strings, kept as text because
-- they are only ever read back whole.
-- tlp_rank is the source marking as an ordinal (CLEAR 0 .. RED 4, 0 when unmarked) so that TLP clearance is a
-- plain SQL comparison.

-- Current state: one row per IOC, carrying the seq and date_added of its current version.
CREATE TABLE ioc (
    id                uuid     NOT NULL PRIMARY KEY,
    type              text     NOT NULL,
    value             text     NOT NULL,
    name              text,
    description       text,
    confidence        smallint,
    created           bigint   NOT NULL,
    modified          bigint   NOT NULL,
    valid_from        bigint   NOT NULL,
    last_seen         bigint,
    valid_until       bigint,
    tags              text     NOT NULL,
    kill_chain_phases text     NOT NULL,
    indicator_types   text     NOT NULL,
    source_tlp        text,
    tlp_rank          smallint NOT NULL,
    reference         text,
    revoked           boolean  NOT NULL,
    version           integer  NOT NULL,
    seq               bigint   NOT NULL,
    date_added        bigint   NOT NULL,
    UNIQUE (type, value)
);
CREATE INDEX ioc_modified ON ioc (modified, id);
CREATE INDEX ioc_type_modified ON ioc (type, modified, id);
CREATE INDEX ioc_date_added ON ioc (date_added, seq);
CREATE INDEX ioc_type_date_added ON ioc (type, date_added, seq);

-- Append-only history: one full snapshot per published version.
CREATE TABLE ioc_version (
    seq               bigint   NOT NULL PRIMARY KEY,
    ioc_id            uuid     NOT NULL,
    type              text     NOT NULL,
    value             text     NOT NULL,
    name              text,
    description       text,
    confidence        smallint,
    created           bigint   NOT NULL,
    modified          bigint   NOT NULL,
    valid_from        bigint   NOT NULL,
    last_seen         bigint,
    valid_until       bigint,
    tags              text     NOT NULL,
    kill_chain_phases text     NOT NULL,
    indicator_types   text     NOT NULL,
    source_tlp        text,
    tlp_rank          smallint NOT NULL,
    reference         text,
    revoked           boolean  NOT NULL,
    version           integer  NOT NULL,
    date_added        bigint   NOT NULL,
    UNIQUE (ioc_id, version)
);
CREATE INDEX ioc_version_date_added ON ioc_version (date_added, seq);
CREATE INDEX ioc_version_type_date_added ON ioc_version (type, date_added, seq);

-- The last sequence number and stamp handed out; exactly one row, locked by every writer.
CREATE TABLE stamp_state (
    id         integer NOT NULL PRIMARY KEY CHECK (id = 1),
    last_seq   bigint  NOT NULL,
    last_stamp bigint  NOT NULL
);
INSERT INTO stamp_state (id, last_seq, last_stamp) VALUES (1, 0, 0);

CREATE TABLE api_keys (
    id        text   NOT NULL PRIMARY KEY,
    name      text   NOT NULL,
    plan      text   NOT NULL,
    clearance text   NOT NULL,
    hash      text   NOT NULL UNIQUE,
    prefix    text   NOT NULL,
    created   bigint NOT NULL,
    revoked   bigint
);

CREATE TABLE taxii_status (
    id      uuid   NOT NULL PRIMARY KEY,
    json    text   NOT NULL,
    expires bigint NOT NULL
);
CREATE INDEX taxii_status_expires ON taxii_status (expires);

CREATE TABLE settings (
    key   text NOT NULL PRIMARY KEY,
    value text NOT NULL
);
