using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using OrleansShop.Gateway.Discovery;
using OrleansShop.Gateway.Hosting;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Ingress;
using OrleansShop.Tests.Shops;
using OrleansShop.Tests.TestingHost;

namespace OrleansShop.Tests.Gateway;

/// <summary>The YARP gateway over a real two-silo cluster: discovery, affinity, untouched bodies, failover.</summary>
public sealed class GatewayTests : IAsyncLifetime, IDisposable
{
    private ClusterScope _scope = null!;
    private WebApplication _gateway = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _scope = await ClusterScope.StartAsync(silos: 2);
        _gateway = GatewayApplication.Create(["--urls", "http://127.0.0.1:0"], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _scope.Database.ConnectionString,
            ["Cluster:ServiceId"] = "test",
            ["Gateway:RefreshInterval"] = "00:00:00.200",
            ["Membership:DeadAfter"] = "00:00:01.500",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await _gateway.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_gateway.Urls.First()) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestSilo.AdminToken);
        await Eventually.TrueAsync(() => _gateway.Services.GetRequiredService<SiloDiscovery>().Destinations.Count == 2, "the gateway finds both silos");
    }

    public void Dispose() => _http.Dispose();

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _scope.DisposeAsync();
    }

    private static string Silo(HttpResponseMessage response) => response.Headers.GetValues("X-OrleansShop-Silo").Single();

    [Fact]
    public async Task Each_shops_requests_go_to_one_silo_and_shops_spread_over_both()
    {
        var servedBy = new Dictionary<string, string>();
        for (var i = 0; i < 20; i++)
        {
            var shop = $"shop-{i}";
            Assert.Equal(HttpStatusCode.Created, (await _http.PutAsJsonAsync($"/v1/shops/{shop}", ShopsApiTests.Shop())).StatusCode);
            var silos = new HashSet<string>();
            for (var n = 0; n < 3; n++)
            {
                silos.Add(Silo(await _http.GetAsync($"/v1/shops/{shop}")));
            }

            servedBy[shop] = Assert.Single(silos);
        }

        Assert.Equal(2, servedBy.Values.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_signed_webhook_passes_through_untouched_and_a_body_over_256_KiB_is_refused_at_the_gateway()
    {
        await _http.PutAsJsonAsync("/v1/shops/demo", ShopsApiTests.Shop());
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        var post = new SignedPoster(anonymous, "demo", SignedPoster.StandardSecret);

        var signed = await post.StandardAsync(SignedPoster.Created("through-the-gateway"));
        var huge = await anonymous.PostAsync("/v1/shops/demo/webhooks", new ByteArrayContent(new byte[300 * 1024]));

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task After_a_silo_is_killed_its_shops_are_served_by_the_other_within_the_failover_bound()
    {
        await _http.PutAsJsonAsync("/v1/shops/survivor", ShopsApiTests.Shop());
        var before = Silo(await _http.GetAsync("/v1/shops/survivor"));
        var doomed = _scope.Cluster.Silos.Single(s => s.SiloId == before);

        var clock = Stopwatch.StartNew();
        await _scope.Cluster.KillSiloAsync(doomed);
        HttpResponseMessage after = null!;
        await Eventually.TrueAsync(async () => (after = await _http.GetAsync("/v1/shops/survivor")).StatusCode == HttpStatusCode.OK, "the other silo serves the shop", TimeSpan.FromSeconds(20));
        clock.Stop();

        Assert.NotEqual(before, Silo(after));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"failover took {clock.Elapsed}");
        Assert.Single(_gateway.Services.GetRequiredService<SiloDiscovery>().Destinations);
    }
}
