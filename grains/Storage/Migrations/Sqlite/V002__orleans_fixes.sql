-- Our additions to Orleans' SQLite schema (version 1).

-- OrleansStorage has no key. SQLite runs one writer at a time, so writes cannot race as they can
-- on PostgreSQL, but the identity is made unique all the same: a second row for one grain is then
-- impossible rather than unlikely.
CREATE UNIQUE INDEX UX_OrleansStorage_Grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, COALESCE(GrainIdExtensionString, ''), ServiceId);

-- Orleans has no SQLite reminder table; SqliteReminderTable keeps reminders here. Times and periods
-- are .NET ticks (UTC); grain_hash is GrainId.GetUniformHashCode() (unsigned 32 bits); etag is
-- random per write, so a row removed and added again never matches an old ETag.
CREATE TABLE reminders (
    service_id     TEXT    NOT NULL,
    grain_id       TEXT    NOT NULL,
    reminder_name  TEXT    NOT NULL,
    start_at       INTEGER NOT NULL,
    period         INTEGER NOT NULL,
    grain_hash     INTEGER NOT NULL,
    etag           TEXT    NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX reminders_by_hash ON reminders (service_id, grain_hash);
