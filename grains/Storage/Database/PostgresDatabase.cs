using System.Data.Common;
using Npgsql;
using OrleansShop.Storage.Migrations;

namespace OrleansShop.Storage;

internal sealed class PostgresDatabase(string connectionString) : ShopDatabase
{
    // Any constant works; it only has to be the same in every silo of every version.
    private const long SchemaLockKey = 0x4F726C65616E73;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Provider => StorageOptions.Postgres;

    public override DbDataSource DataSource => _dataSource;

    public override string OrleansInvariant => "Npgsql";

    internal override IReadOnlyList<Migration> Migrations => PostgresMigrations.All;

    internal override string MigrationFolder => PostgresMigrations.Folder;

    internal override string SchemaVersionExistsSql => "SELECT to_regclass('schema_version') IS NOT NULL";

    internal override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT pg_advisory_xact_lock({SchemaLockKey})", transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // A PostgresException is the server refusing a statement; any other NpgsqlException
            // (refused, reset, a broken pooled connector) is the connection.
            if (e is NpgsqlException and not PostgresException or PostgresException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
