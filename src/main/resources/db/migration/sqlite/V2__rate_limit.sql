-- Token buckets for per-key rate limits. A SQLite store serves one node, which keeps its buckets in memory;
-- the table keeps both dialects at the same schema version.
CREATE TABLE rate_limit (
    bucket       TEXT    NOT NULL PRIMARY KEY,
    tokens       REAL    NOT NULL,
    updated_ms   INTEGER NOT NULL,
    last_allowed INTEGER NOT NULL
);
