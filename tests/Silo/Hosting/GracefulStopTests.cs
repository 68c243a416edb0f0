using System.Diagnostics;
using System.Net;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;

namespace OrleansShop.Tests.Silo.Hosting;

public sealed class GracefulStopTests
{
    [Fact]
    public async Task A_stopping_silo_fails_readiness_while_it_still_serves_for_the_leave_delay_then_leaves_orleans_membership()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var leaving = await scope.Cluster.StartSiloAsync(new Dictionary<string, string?> { ["Membership:LeaveDelay"] = "00:00:10" });
        var (address, port) = Endpoint(leaving.SiloId);
        using var http = leaving.CreateClient(bearer: null);
        await Eventually.TrueAsync(async () => await MembershipStatusAsync(scope, address, port) == 3, "the silo is active in Orleans' membership");

        var clock = Stopwatch.StartNew();
        var stopping = scope.Cluster.StopSiloAsync(leaving);

        await Eventually.TrueAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable, "readiness fails", TimeSpan.FromSeconds(2));
        var ready = await http.GetAsync("/readyz");
        Assert.Contains("/problems/leaving", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(3, await MembershipStatusAsync(scope, address, port)); // still serving grains while gateways move away
        await stopping;

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(9.5), $"stopping took {clock.Elapsed}, less than the leave delay");
        Assert.Equal(6, await MembershipStatusAsync(scope, address, port)); // Dead: it left the cluster
    }

    [Fact]
    public async Task A_graceful_stop_hands_its_grains_over_with_their_state()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 2);
        using var admin = scope.Cluster.Primary.CreateClient();
        (await admin.PutAsync("/v1/shops/handed-over", System.Net.Http.Json.JsonContent.Create(ShopsApiTests.Shop()))).EnsureSuccessStatusCode();

        await scope.Cluster.StopSiloAsync(scope.Cluster.Primary);

        using var survivor = scope.Cluster.Primary.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await survivor.GetAsync("/v1/shops/handed-over")).StatusCode);
    }

    private static (string Address, int Port) Endpoint(string siloId)
    {
        var address = SiloAddress.FromParsableString(siloId);
        return (address.Endpoint.Address.ToString(), address.Endpoint.Port);
    }

    private static Task<int> MembershipStatusAsync(ClusterScope scope, string address, int port) =>
        scope.Database.ScalarAsync<int>($"SELECT status FROM OrleansMembershipTable WHERE deploymentid = 'test' AND address = '{address}' AND port = {port} ORDER BY generation DESC LIMIT 1");
}
