using System.Data.Common;
using OrleansShop.Storage.Migrations;

namespace OrleansShop.Storage;

/// <summary>
/// The shop's one database, PostgreSQL or SQLite: the connections our stores open and the
/// <see cref="DbDataSource"/> and ADO.NET invariant to hand Orleans' own providers, so that both
/// go through the same pool and the same connection settings. Everything else that differs
/// between the two lives in the subclasses; the stores' SQL is shared.
/// </summary>
public abstract class ShopDatabase : IAsyncDisposable
{
    /// <summary><see cref="StorageOptions.Postgres"/> or <see cref="StorageOptions.Sqlite"/>.</summary>
    public abstract string Provider { get; }

    /// <summary>Opens every connection: give it to Orleans' ADO.NET options as <c>DataSource</c>.</summary>
    public abstract DbDataSource DataSource { get; }

    /// <summary>The <c>Invariant</c> Orleans' ADO.NET providers need for this database.</summary>
    public abstract string OrleansInvariant { get; }

    internal abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>The folder beside <see cref="Migration"/> that holds this provider's scripts.</summary>
    internal abstract string MigrationFolder { get; }

    /// <summary>A query answering whether <c>schema_version</c> exists yet.</summary>
    internal abstract string SchemaVersionExistsSql { get; }

    public static ShopDatabase Create(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.ResolveConnectionString();
        return options.Provider == StorageOptions.Postgres ? new PostgresDatabase(connectionString) : new SqliteDatabase(connectionString);
    }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>Runs on the migration's connection before its transaction starts.</summary>
    internal virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serialises concurrent migrations inside <paramref name="transaction"/>.</summary>
    internal abstract Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="exception"/> says the database cannot be reached now (worth retrying), not that a statement is wrong.</summary>
    public abstract bool IsUnavailable(Exception exception);

    public virtual async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
