-- Named leases: at most one holder at a time per name (e.g. "one silo polls the SMS inbox").
CREATE TABLE leases (
    service_id  text   NOT NULL,
    name        text   NOT NULL,
    holder      text   NOT NULL,
    expires_at  bigint NOT NULL,
    PRIMARY KEY (service_id, name)
);
