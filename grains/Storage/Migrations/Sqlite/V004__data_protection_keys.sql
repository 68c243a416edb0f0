-- ASP.NET Core Data Protection's key ring (the console's session cookies and antiforgery tokens),
-- shared by every silo of a service so that any silo reads what another one protected.
CREATE TABLE data_protection_keys (
    service_id  TEXT NOT NULL,
    name        TEXT NOT NULL,
    xml         TEXT NOT NULL,
    PRIMARY KEY (service_id, name)
);
