using OrleansShop.Runtime.Storage;
using OrleansShop.Runtime.Storage.Postgres;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Storage;

public sealed class PostgresStorageConformanceTests : StorageConformanceTests
{
    private TestDatabase? _database;

    protected override async Task CreateDatabaseAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    protected override async Task DropDatabaseAsync() => await _database!.DisposeAsync();

    protected override Task ExecuteAsync(string sql) => _database!.ScalarAsync<long>(sql);

    private protected override AdoRuntimeStore CreateStore(string serviceId) =>
        new(new PostgresDialect(_database!.ConnectionString), serviceId, Clock);

    [Fact]
    public async Task Twenty_silos_migrating_one_database_at_once_leave_one_schema()
    {
        var stores = Enumerable.Range(0, 20).Select(i => CreateStore($"s{i}")).ToList();

        await Task.WhenAll(stores.Select(s => s.MigrateAsync(CancellationToken.None)));

        Assert.Equal(3, await _database!.ScalarAsync<long>("SELECT count(*) FROM schema_version"));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_grain_identity_is_the_primary_key()
    {
        var key = await _database!.ScalarAsync<string>(
            """
            SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey, a.attnum))
            FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = 'grain_state'::regclass AND i.indisprimary
            """);

        Assert.Equal("service_id,grain_type,grain_key", key);
    }
}
