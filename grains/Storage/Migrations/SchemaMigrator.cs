using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace OrleansShop.Storage.Migrations;

/// <summary>
/// Brings the database to the newest schema version: each version not yet recorded in
/// <c>schema_version</c> runs once, in order, all in one transaction under a lock, so any number of
/// silos may start at once against one empty database and the schema is still created once.
/// </summary>
public sealed class SchemaMigrator(ShopDatabase database, TimeProvider timeProvider, ILogger<SchemaMigrator> logger)
{
    private const string CreateVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at bigint NOT NULL)";

    /// <summary>The version this code brings a database to.</summary>
    public int LatestVersion => database.Migrations[^1].Version;

    /// <returns>The schema version after migrating.</returns>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await database.PrepareAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await database.LockSchemaAsync(connection, transaction, cancellationToken);
        await using (var create = connection.Command(CreateVersionTable, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var current = await ReadVersionAsync(connection, transaction, cancellationToken);
        foreach (var migration in database.Migrations.Where(m => m.Version > current))
        {
            foreach (var script in migration.LoadScripts(database.MigrationFolder))
            {
                await using var command = connection.Command(script, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var record = connection.Command("INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, @at)", transaction)
                .With("v", migration.Version).With("d", migration.Description).With("at", timeProvider.GetUtcNow().ToUnixMs());
            await record.ExecuteNonQueryAsync(cancellationToken);
            logger.SchemaVersionApplied(database.Provider, migration.Version, migration.Description);
            current = migration.Version;
        }

        await transaction.CommitAsync(cancellationToken);
        return current;
    }

    /// <returns>The recorded schema version; 0 for a database never migrated.</returns>
    public async Task<int> GetVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var exists = connection.Command(database.SchemaVersionExistsSql);
        return Convert.ToBoolean(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture)
            ? await ReadVersionAsync(connection, null, cancellationToken)
            : 0;
    }

    private static async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
