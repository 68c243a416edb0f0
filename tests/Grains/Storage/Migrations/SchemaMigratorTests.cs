using OrleansShop.Storage;
using OrleansShop.Tests.Grains.Storage;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Grains.Storage.Migrations;

/// <summary>What the migration promises on every provider; each subclass says which database.</summary>
public abstract class SchemaMigratorTests(TestShopDatabase testDatabase) : IAsyncLifetime
{
    protected TestShopDatabase TestDatabase { get; } = testDatabase;

    public Task InitializeAsync() => TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await TestDatabase.DisposeAsync();

    [Fact]
    public async Task A_new_database_reads_as_version_zero_and_migrates_to_the_latest()
    {
        var migrator = TestShopDatabase.Migrator(TestDatabase.Open());
        Assert.Equal(0, await migrator.GetVersionAsync(CancellationToken.None));

        Assert.Equal(5, await migrator.MigrateAsync(CancellationToken.None));

        Assert.Equal(5, await migrator.GetVersionAsync(CancellationToken.None));
        Assert.Equal(5, migrator.LatestVersion);
    }

    [Fact]
    public async Task Migrating_again_applies_nothing_and_records_each_version_once()
    {
        var migrator = TestShopDatabase.Migrator(TestDatabase.Open());
        await migrator.MigrateAsync(CancellationToken.None);

        await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(migrator.LatestVersion, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM schema_version"));
        Assert.Equal(1, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM schema_version WHERE version = 1 AND description = 'orleans_adonet'"));
    }

    [Fact]
    public async Task Eight_silos_migrating_one_empty_database_at_once_create_the_schema_once()
    {
        var migrators = Enumerable.Range(0, 8).Select(_ => TestShopDatabase.Migrator(TestDatabase.Open())).ToList();

        var versions = await Task.WhenAll(migrators.Select(m => m.MigrateAsync(CancellationToken.None)));

        Assert.All(versions, v => Assert.Equal(migrators[0].LatestVersion, v));
        Assert.Equal(migrators[0].LatestVersion, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task The_orleans_query_table_holds_the_queries_of_the_providers_this_database_serves()
    {
        await TestShopDatabase.Migrator(TestDatabase.Open()).MigrateAsync(CancellationToken.None);

        foreach (var key in ExpectedOrleansQueries)
        {
            Assert.Equal(1, await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM OrleansQuery WHERE QueryKey = '{key}'"));
        }
    }

    [Fact]
    public async Task A_database_at_an_older_version_is_migrated_forward_keeping_its_rows()
    {
        var database = TestDatabase.Open();
        var migrator = TestShopDatabase.Migrator(database);
        await migrator.MigrateAsync(CancellationToken.None);
        await TestDatabase.ExecuteAsync("INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('Kept', 'SELECT 1')");
        await TestDatabase.ExecuteAsync("DROP TABLE grain_index");
        await TestDatabase.ExecuteAsync("DROP TABLE deliveries");
        if (TestDatabase.Provider == StorageOptions.Postgres)
        {
            await TestDatabase.ExecuteAsync("DROP TABLE silo_endpoints");
        }

        await TestDatabase.ExecuteAsync("DROP TABLE data_protection_keys");
        await TestDatabase.ExecuteAsync("DROP TABLE webhook_receipts");
        await TestDatabase.ExecuteAsync("DELETE FROM schema_version WHERE version >= 3");

        Assert.Equal(5, await migrator.MigrateAsync(CancellationToken.None));
        Assert.Equal(1, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM OrleansQuery WHERE QueryKey = 'Kept'"));
        Assert.Empty(await new GrainIndexStore(database, Microsoft.Extensions.Options.Options.Create(new ClusterOptions())).QueryAsync(new IndexQuery("orders", "shop", 10), CancellationToken.None));
    }

    protected abstract IReadOnlyList<string> ExpectedOrleansQueries { get; }
}
