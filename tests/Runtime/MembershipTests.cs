using System.Net.Http.Json;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Runtime;

public sealed class MembershipTests
{
    [Fact]
    public async Task Silos_join_and_heartbeat_a_stopped_silo_leaves_and_a_killed_one_goes_stale()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 3);
        var (observer, stopped, killed) = (scope.Cluster.Silos[0], scope.Cluster.Silos[1], scope.Cluster.Silos[2]);
        var (stoppedId, killedId) = (stopped.SiloId, killed.SiloId);
        using var admin = observer.CreateClient();

        await Eventually.TrueAsync(async () => (await ListAsync(admin)).Count(s => s.Alive) == 3, "three silos are alive");
        var joined = await ListAsync(admin);
        Assert.All(joined, s => Assert.StartsWith("http://127.0.0.1:", s.Address, StringComparison.Ordinal));

        await scope.Cluster.StopSiloAsync(stopped);
        await scope.Cluster.KillSiloAsync(killed);

        var left = (await ListAsync(admin)).Single(s => s.SiloId == stoppedId);
        Assert.Equal(("left", false), (left.Status, left.Alive));
        await Eventually.TrueAsync(async () => !(await ListAsync(admin)).Single(s => s.SiloId == killedId).Alive, "the killed silo's heartbeat goes stale");
        var dead = (await ListAsync(admin)).Single(s => s.SiloId == killedId);
        Assert.Equal("active", dead.Status); // it never said goodbye
        Assert.True((await ListAsync(admin)).Single(s => s.SiloId == observer.SiloId).Alive);
    }

    [Fact]
    public async Task A_silo_with_an_advertised_address_joins_under_it_instead_of_the_address_it_binds()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var advertised = await scope.Cluster.StartSiloAsync(new Dictionary<string, string?> { ["Membership:AdvertisedAddress"] = "http://silo2:8080" });
        using var admin = scope.Cluster.Primary.CreateClient();

        await Eventually.TrueAsync(async () => (await ListAsync(admin)).Any(s => s.SiloId == advertised.SiloId && s.Alive), "the silo joins");
        Assert.Equal("http://silo2:8080", (await ListAsync(admin)).Single(s => s.SiloId == advertised.SiloId).Address);
    }

    private static async Task<IReadOnlyList<SiloView>> ListAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<IReadOnlyList<SiloView>>("/v1/admin/silos"))!;

    private sealed record SiloView(string SiloId, string Address, string Status, bool Alive);
}
