-- Token buckets for per-key rate limits, shared by every iocd node on this database.
-- tokens may be fractional; updated_ms is the node clock in milliseconds at the last take.
CREATE TABLE rate_limit (
    bucket       text             NOT NULL PRIMARY KEY,
    tokens       double precision NOT NULL,
    updated_ms   bigint           NOT NULL,
    last_allowed boolean          NOT NULL
);
