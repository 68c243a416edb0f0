using OrleansShop.Runtime.Hosting;
using OrleansShop.Runtime.Storage.Postgres;
using OrleansShop.Runtime.Storage.Sqlite;

namespace OrleansShop.Runtime.Storage;

/// <summary>Reads a cluster's membership table without hosting a runtime (the gateway does this).</summary>
public static class MembershipReader
{
    public static IMembershipStorage Create(StorageOptions storage, string serviceId, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var connectionString = storage.ResolveConnectionString();
        SqlDialect dialect = storage.Provider == StorageOptions.Postgres ? new PostgresDialect(connectionString) : new SqliteDialect(connectionString);
        return new AdoRuntimeStore(dialect, serviceId, timeProvider, new GroupCommitOptions { Enabled = false }); // it never commits a turn
    }
}
