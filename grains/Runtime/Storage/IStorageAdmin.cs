namespace OrleansShop.Runtime.Storage;

/// <summary>Schema and reachability of the database behind a silo.</summary>
public interface IStorageAdmin
{
    string ProviderName { get; }

    /// <summary>Creates or migrates the schema, idempotently, under a lock; safe for many silos at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken);

    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>True when <paramref name="exception"/> means the database cannot be reached right now.</summary>
    bool IsUnavailable(Exception exception);
}
