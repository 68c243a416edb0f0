-- Projection rows grains keep about themselves, for listing many grains with one query.
-- Written in the same transaction as the grain's state.
CREATE TABLE grain_index (
    service_id     text NOT NULL,
    index_name     text NOT NULL,
    partition_key  text NOT NULL,
    grain_type     text NOT NULL,
    grain_key      text NOT NULL,
    sort_key       text COLLATE "C" NOT NULL,
    tag            text,
    summary        text NOT NULL,
    PRIMARY KEY (service_id, index_name, partition_key, grain_type, grain_key)
);
CREATE INDEX grain_index_sorted ON grain_index (service_id, index_name, partition_key, sort_key);
