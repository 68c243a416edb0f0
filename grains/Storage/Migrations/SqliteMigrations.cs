namespace OrleansShop.Storage.Migrations;

/// <summary>The SQLite schema, version by version; never edit a released version, add one.</summary>
internal static class SqliteMigrations
{
    public const string Folder = "Sqlite";

    // Orleans has SQLite scripts for persistence only; clustering is UseLocalhostClustering and
    // reminders are ours (SqliteReminderTable), created in version 2.
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "orleans_adonet", ["Orleans/Sqlite-Main.sql", "Orleans/Sqlite-Persistence.sql"]),
        new(2, "orleans_fixes_and_reminders", ["V002__orleans_fixes.sql"]),
        new(3, "read_models", ["V003__read_models.sql"]),
        new(4, "data_protection_keys", ["V004__data_protection_keys.sql"]),
        new(5, "webhook_receipts", ["V005__webhook_receipts.sql"]),
    ];
}
