-- Read models the grains keep current (eventually): each write carries the owning grain's
-- revision and applies only over an older one. Times are milliseconds since the Unix epoch.

-- Projection rows for listing many grains with one query (orders of a shop, newest first).
-- A removed entry stays as a tombstone with its revision, so a late, older Set cannot revive it.
CREATE TABLE grain_index (
    service_id     text    NOT NULL,
    index_name     text    NOT NULL,
    partition_key  text    NOT NULL,
    grain_type     text    NOT NULL,
    grain_key      text    NOT NULL,
    sort_key       text    COLLATE "C" NOT NULL,
    tag            text,
    summary        text    NOT NULL,
    revision       bigint  NOT NULL,
    removed        boolean NOT NULL,
    PRIMARY KEY (service_id, index_name, partition_key, grain_type, grain_key)
);
CREATE INDEX grain_index_sorted ON grain_index (service_id, index_name, partition_key, sort_key) WHERE NOT removed;

-- The grains' pending and dead deliveries, as operators list them at /v1/admin/deliveries.
CREATE TABLE deliveries (
    id               bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id       text    NOT NULL,
    owner_type       text    NOT NULL,
    owner_key        text    NOT NULL,
    effect_id        text    NOT NULL,
    kind             text    NOT NULL,
    target_type      text    NOT NULL,
    target_key       text    NOT NULL,
    operation        text    NOT NULL,
    idempotency_key  text    NOT NULL,
    state            text    NOT NULL CHECK (state IN ('pending', 'dead')),
    attempts         integer NOT NULL,
    due_at           bigint  NOT NULL,
    last_error       text,
    created_at       bigint  NOT NULL,
    revision         bigint  NOT NULL,
    UNIQUE (service_id, owner_type, owner_key, effect_id)
);
CREATE INDEX deliveries_by_state ON deliveries (service_id, state, id);

-- Each silo's HTTP address, beside Orleans' OrleansMembershipTable, which knows only its Orleans
-- endpoint. The key is the membership table's own (DeploymentId, Address, Port, Generation), so
-- the gateway joins the two and routes to the silos Orleans counts as active.
CREATE TABLE silo_endpoints (
    cluster_id   varchar(150) NOT NULL,
    address      varchar(45)  NOT NULL,
    port         integer      NOT NULL,
    generation   integer      NOT NULL,
    http_url     text         NOT NULL,
    updated_at   timestamptz  NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);
