-- The shop's delivery log; the same table as on PostgreSQL (see its V005), in SQLite's types.
CREATE TABLE webhook_receipts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id   TEXT    NOT NULL,
    shop_id      TEXT    NOT NULL,
    profile      TEXT    NOT NULL,
    event_id     TEXT,
    received_at  INTEGER NOT NULL,
    status       INTEGER NOT NULL,
    outcome      TEXT    NOT NULL,
    reason       TEXT,
    size         INTEGER NOT NULL,
    latency_ms   REAL    NOT NULL
);
CREATE INDEX webhook_receipts_by_shop ON webhook_receipts (service_id, shop_id, id);
CREATE INDEX webhook_receipts_by_time ON webhook_receipts (service_id, received_at);
