using System.Net;
using Orleans.Runtime;
using OrleansShop.Storage;
using OrleansShop.Tests.Grains.Storage;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Grains.Storage.Cluster;

public sealed class SiloEndpointStoreTests() : MigratedDatabaseTest(new PostgresTestShopDatabase())
{
    private static SiloAddress Silo(int port, int generation = 100) => SiloAddress.New(IPAddress.Loopback, port, generation);

    private SiloEndpointStore Store => new(Database);

    [Fact]
    public async Task An_active_silo_that_published_its_endpoint_is_listed_with_its_membership_details()
    {
        await MembershipRows.InsertAsync(TestDatabase, "c1", "127.0.0.1", 11111, 100, MembershipRows.Active);
        await Store.PublishAsync("c1", Silo(11111), "http://127.0.0.1:5001", CancellationToken.None);

        var silo = Assert.Single(await Store.ListActiveAsync("c1", CancellationToken.None));

        Assert.Equal(Silo(11111).ToParsableString(), silo.SiloId);
        Assert.Equal(("http://127.0.0.1:5001", "host-11111", SiloStatus.Active), (silo.HttpUrl, silo.HostName, silo.Status));
        Assert.True(silo.IAmAliveAt > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Silos_not_active_or_without_a_published_endpoint_or_of_another_cluster_are_not_listed()
    {
        await MembershipRows.InsertAsync(TestDatabase, "c1", "127.0.0.1", 11111, 100, MembershipRows.Dead);
        await MembershipRows.InsertAsync(TestDatabase, "c1", "127.0.0.1", 11112, 100, MembershipRows.Active);
        await MembershipRows.InsertAsync(TestDatabase, "c2", "127.0.0.1", 11113, 100, MembershipRows.Active);
        await MembershipRows.InsertAsync(TestDatabase, "c1", "127.0.0.1", 11114, 100, 1); // Joining
        await Store.PublishAsync("c1", Silo(11111), "http://127.0.0.1:5001", CancellationToken.None);
        await Store.PublishAsync("c1", Silo(11113), "http://127.0.0.1:5003", CancellationToken.None);
        await Store.PublishAsync("c1", Silo(11114), "http://127.0.0.1:5004", CancellationToken.None);

        Assert.Empty(await Store.ListActiveAsync("c1", CancellationToken.None));
    }

    [Fact]
    public async Task Publishing_again_replaces_the_url_and_a_new_generation_on_the_same_port_is_another_silo()
    {
        await MembershipRows.InsertAsync(TestDatabase, "c1", "127.0.0.1", 11111, 100, MembershipRows.Dead);
        await MembershipRows.InsertAsync(TestDatabase, "c1", "127.0.0.1", 11111, 101, MembershipRows.Active);
        await Store.PublishAsync("c1", Silo(11111, 101), "http://127.0.0.1:5001", CancellationToken.None);
        await Store.PublishAsync("c1", Silo(11111, 101), "http://127.0.0.1:6001", CancellationToken.None);

        var silo = Assert.Single(await Store.ListActiveAsync("c1", CancellationToken.None));

        Assert.Equal((Silo(11111, 101).ToParsableString(), "http://127.0.0.1:6001"), (silo.SiloId, silo.HttpUrl));
    }

    [Fact]
    public async Task Publishing_forgets_the_endpoints_of_silos_orleans_declared_dead()
    {
        await MembershipRows.InsertAsync(TestDatabase, "c1", "127.0.0.1", 11111, 100, MembershipRows.Active);
        await Store.PublishAsync("c1", Silo(11111), "http://127.0.0.1:5001", CancellationToken.None);
        await MembershipRows.SetStatusAsync(TestDatabase, "c1", 11111, MembershipRows.Dead);

        await Store.PublishAsync("c1", Silo(11112), "http://127.0.0.1:5002", CancellationToken.None);

        Assert.Equal(1, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM silo_endpoints"));
    }
}
