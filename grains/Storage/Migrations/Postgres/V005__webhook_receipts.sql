-- Every webhook and payment notification a shop's address received, accepted or refused, as
-- metadata only (never a body): the shop's delivery log. Pruned after its retention.
CREATE TABLE webhook_receipts (
    id           bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id   text    NOT NULL,
    shop_id      text    NOT NULL,
    profile      text    NOT NULL,
    event_id     text,
    received_at  bigint  NOT NULL,
    status       integer NOT NULL,
    outcome      text    NOT NULL,
    reason       text,
    size         bigint  NOT NULL,
    latency_ms   double precision NOT NULL
);
CREATE INDEX webhook_receipts_by_shop ON webhook_receipts (service_id, shop_id, id);
CREATE INDEX webhook_receipts_by_time ON webhook_receipts (service_id, received_at);
