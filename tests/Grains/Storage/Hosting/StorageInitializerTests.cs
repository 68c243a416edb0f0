using Microsoft.Extensions.Logging.Abstractions;
using OrleansShop.Storage;
using OrleansShop.Tests.Grains.Storage;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Grains.Storage.Hosting;

public sealed class StorageInitializerTests
{
    [Fact]
    public async Task While_the_database_is_unreachable_the_initializer_is_not_ready_says_why_and_its_ping_fails()
    {
        var port = Loopback.ClosedPort().Port;
        await using var database = ShopDatabase.Create(new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Timeout=1" });
        using var initializer = new StorageInitializer(database, TestShopDatabase.Migrator(database), NullLogger<StorageInitializer>.Instance);

        await initializer.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => initializer.LastError is not null, "the first attempt fails");

        Assert.False(initializer.IsReady);
        await Assert.ThrowsAnyAsync<Exception>(() => initializer.PingAsync(CancellationToken.None));
        Assert.True(database.IsUnavailable(await Assert.ThrowsAnyAsync<Exception>(() => initializer.PingAsync(CancellationToken.None))));
        await initializer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Waiting_for_readiness_migrates_even_before_the_host_starts_the_initializer()
    {
        await using var testDatabase = new SqliteTestShopDatabase();
        var database = testDatabase.Open();
        using var initializer = new StorageInitializer(database, TestShopDatabase.Migrator(database), NullLogger<StorageInitializer>.Instance);

        await initializer.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(initializer.IsReady);
        var migrator = TestShopDatabase.Migrator(database);
        Assert.Equal(migrator.LatestVersion, await migrator.GetVersionAsync(CancellationToken.None));
        await initializer.PingAsync(CancellationToken.None);
    }
}
