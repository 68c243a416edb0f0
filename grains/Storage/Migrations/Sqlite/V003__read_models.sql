-- Read models the grains keep current (eventually): each write carries the owning grain's
-- revision and applies only over an older one. Times are milliseconds since the Unix epoch.
-- The same tables as on PostgreSQL (see its V003), in SQLite's types.

CREATE TABLE grain_index (
    service_id     TEXT    NOT NULL,
    index_name     TEXT    NOT NULL,
    partition_key  TEXT    NOT NULL,
    grain_type     TEXT    NOT NULL,
    grain_key      TEXT    NOT NULL,
    sort_key       TEXT    NOT NULL,
    tag            TEXT,
    summary        TEXT    NOT NULL,
    revision       INTEGER NOT NULL,
    removed        BOOLEAN NOT NULL,
    PRIMARY KEY (service_id, index_name, partition_key, grain_type, grain_key)
);
CREATE INDEX grain_index_sorted ON grain_index (service_id, index_name, partition_key, sort_key) WHERE NOT removed;

CREATE TABLE deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id       TEXT    NOT NULL,
    owner_type       TEXT    NOT NULL,
    owner_key        TEXT    NOT NULL,
    effect_id        TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    target_type      TEXT    NOT NULL,
    target_key       TEXT    NOT NULL,
    operation        TEXT    NOT NULL,
    idempotency_key  TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('pending', 'dead')),
    attempts         INTEGER NOT NULL,
    due_at           INTEGER NOT NULL,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    revision         INTEGER NOT NULL,
    UNIQUE (service_id, owner_type, owner_key, effect_id)
);
CREATE INDEX deliveries_by_state ON deliveries (service_id, state, id);
