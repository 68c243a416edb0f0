namespace OrleansShop.Storage.Migrations;

/// <summary>The PostgreSQL schema, version by version; never edit a released version, add one.</summary>
internal static class PostgresMigrations
{
    public const string Folder = "Postgres";

    // Orleans also ships migrations (Clustering 3.6.0 and 3.7.0, Persistence 3.6.0, Reminders
    // 3.6.0) for databases created by older versions. A new database needs none of them: the main
    // scripts already carry the clustering and reminder changes (timestamptz(3) columns, the
    // CleanupDefunctSiloEntriesKey query), and the persistence one only turns the informational
    // ModifiedOn column into timestamptz, which Orleans neither reads nor needs; Orleans' own
    // tests create their databases from the main scripts alone, as we do.
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "orleans_adonet", ["Orleans/PostgreSQL-Main.sql", "Orleans/PostgreSQL-Clustering.sql", "Orleans/PostgreSQL-Persistence.sql", "Orleans/PostgreSQL-Reminders.sql"]),
        new(2, "orleans_fixes", ["V002__orleans_fixes.sql"]),
        new(3, "read_models", ["V003__read_models.sql"]),
        new(4, "data_protection_keys", ["V004__data_protection_keys.sql"]),
        new(5, "webhook_receipts", ["V005__webhook_receipts.sql"]),
    ];
}
