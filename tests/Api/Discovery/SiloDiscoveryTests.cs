using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansShop.Gateway;
using OrleansShop.Gateway.Discovery;
using OrleansShop.Storage;
using OrleansShop.Tests.Grains.Storage;
using OrleansShop.Tests.Grains.Storage.Cluster;
using OrleansShop.Tests.Infrastructure;
using Yarp.ReverseProxy.Configuration;

namespace OrleansShop.Tests.Api.Discovery;

public sealed class SiloDiscoveryTests() : MigratedDatabaseTest(new PostgresTestShopDatabase())
{
    private readonly InMemoryConfigProvider _proxy = new([], []);

    private SiloDiscovery Discovery() => new(
        new SiloEndpointStore(Database),
        Options.Create(new ClusterOptions { ServiceId = "c1" }),
        _proxy,
        Options.Create(new GatewayOptions()),
        TimeProvider.System,
        NullLogger<SiloDiscovery>.Instance);

    [Fact]
    public async Task Active_silos_with_published_endpoints_become_destinations_and_a_silo_turned_dead_is_dropped()
    {
        var endpoints = new SiloEndpointStore(Database);
        foreach (var port in new[] { 11111, 11112 })
        {
            await MembershipRows.InsertAsync(TestDatabase, "c1", "127.0.0.1", port, 100, MembershipRows.Active);
            await endpoints.PublishAsync("c1", SiloAddress.New(IPAddress.Loopback, port, 100), $"http://127.0.0.1:{port - 6000}", CancellationToken.None);
        }

        var discovery = Discovery();
        await discovery.RefreshAsync(CancellationToken.None);

        var first = SiloAddress.New(IPAddress.Loopback, 11111, 100).ToParsableString();
        var second = SiloAddress.New(IPAddress.Loopback, 11112, 100).ToParsableString();
        Assert.Equal(new Dictionary<string, string> { [first] = "http://127.0.0.1:5111", [second] = "http://127.0.0.1:5112" }, discovery.Destinations);
        var cluster = Assert.Single(_proxy.GetConfig().Clusters);
        Assert.Equal([first, second], cluster.Destinations!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("http://127.0.0.1:5112", cluster.Destinations[second].Address);

        await MembershipRows.SetStatusAsync(TestDatabase, "c1", 11112, MembershipRows.Dead);
        await discovery.RefreshAsync(CancellationToken.None);

        Assert.Equal([first], discovery.Destinations.Keys);
        Assert.Equal([first], Assert.Single(_proxy.GetConfig().Clusters).Destinations!.Keys);
    }
}
