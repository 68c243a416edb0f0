-- Grain state: one row per grain identity, written with an optimistic version check.
CREATE TABLE grain_state (
    service_id  text   NOT NULL,
    grain_type  text   NOT NULL,
    grain_key   text   NOT NULL,
    version     bigint NOT NULL,
    payload     text   NOT NULL,
    updated_at  bigint NOT NULL,
    PRIMARY KEY (service_id, grain_type, grain_key)
);

-- Inbox: one row per delivery that must take effect at most once, with its answer.
CREATE TABLE inbox (
    service_id  text   NOT NULL,
    inbox_key   text   NOT NULL,
    grain_type  text   NOT NULL,
    grain_key   text   NOT NULL,
    result      text   NOT NULL,
    created_at  bigint NOT NULL,
    PRIMARY KEY (service_id, inbox_key)
);
CREATE INDEX inbox_created ON inbox (service_id, created_at);

-- Outbox: grain messages, external calls and reminders, claimed by dispatchers under a lease.
-- Times are Unix milliseconds from the silos' clocks, the same in both providers.
CREATE TABLE outbox (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id       text    NOT NULL,
    kind             text    NOT NULL,
    target_type      text    NOT NULL,
    target_key       text    NOT NULL,
    operation        text    NOT NULL,
    payload          text    NOT NULL,
    idempotency_key  text    NOT NULL,
    reply_type       text,
    reply_key        text,
    reply_operation  text,
    period_ms        bigint,
    state            text    NOT NULL,
    attempts         integer NOT NULL,
    due_at           bigint  NOT NULL,
    claim_token      text,
    claimed_by       text,
    claim_expires_at bigint,
    last_error       text,
    created_at       bigint  NOT NULL
);
CREATE INDEX outbox_due ON outbox (service_id, due_at) WHERE state = 'pending';
CREATE INDEX outbox_state ON outbox (service_id, state, id);
CREATE UNIQUE INDEX outbox_reminder ON outbox (service_id, target_type, target_key, operation) WHERE kind = 'reminder';

-- Membership: silos and their heartbeats, for routing and dashboards only.
CREATE TABLE membership (
    service_id    text   NOT NULL,
    silo_id       text   NOT NULL,
    address       text   NOT NULL,
    host_name     text   NOT NULL,
    started_at    bigint NOT NULL,
    heartbeat_at  bigint NOT NULL,
    status        text   NOT NULL,
    PRIMARY KEY (service_id, silo_id)
);
