using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansShop.Storage.Migrations;

namespace OrleansShop.Storage;

internal sealed class SqliteDatabase : ShopDatabase
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    private readonly SqliteDataSource _dataSource;

    public SqliteDatabase(string connectionString)
    {
        _dataSource = new SqliteDataSource(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            PrivateFiles.EnsureFolder(folder);
            PrivateFiles.EnsureFile(Path.GetFullPath(file));
        }
    }

    public override string Provider => StorageOptions.Sqlite;

    public override DbDataSource DataSource => _dataSource;

    // Orleans maps "System.Data.SQLite" to Microsoft.Data.Sqlite's factory; the name its README
    // gives, "Microsoft.Data.Sqlite", is not in its table and fails at start.
    public override string OrleansInvariant => "System.Data.SQLite";

    internal override IReadOnlyList<Migration> Migrations => SqliteMigrations.All;

    internal override string MigrationFolder => SqliteMigrations.Folder;

    internal override string SchemaVersionExistsSql => "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";

    internal override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL lets readers run while a write commits. It is a property of the database file, so
        // setting it once is enough, and it cannot be changed inside a transaction.
        await using var command = connection.Command("PRAGMA journal_mode=WAL");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Microsoft.Data.Sqlite begins transactions IMMEDIATE: the write lock is held from the start,
    // so a second migrator waits for the first (up to the command timeout).
    internal override Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public override bool IsUnavailable(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked or SqliteIoError or SqliteFull or SqliteCantOpen };
}
