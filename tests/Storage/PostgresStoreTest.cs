using Microsoft.Extensions.Time.Testing;
using OrleansShop.Runtime.Hosting;
using OrleansShop.Runtime.Storage;
using OrleansShop.Runtime.Storage.Postgres;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Storage;

/// <summary>A test of the runtime store on a database of its own, migrated, with a fake clock.</summary>
public abstract class PostgresStoreTest(string serviceId, GroupCommitOptions groupCommit) : IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    protected TestDatabase Database { get; private set; } = null!;

    private protected AdoRuntimeStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestPostgres.CreateDatabaseAsync();
        Store = new AdoRuntimeStore(new PostgresDialect(Database.ConnectionString), serviceId, Clock, groupCommit);
        await Store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await Database.DisposeAsync();
    }
}
