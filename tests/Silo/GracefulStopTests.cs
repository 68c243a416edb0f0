using System.Diagnostics;
using System.Net;
using OrleansShop.Runtime;
using OrleansShop.Tests.Grains;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo;

public sealed class GracefulStopTests
{
    [Fact]
    public async Task A_graceful_stop_lets_running_turns_commit_and_refuses_new_ones()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var silo = scope.Cluster.Primary;
        var counter = silo.Grains.GetGrain<ICounterGrain>("draining");
        var running = counter.SlowIncrementAsync(holdMilliseconds: 1500);
        await Task.Delay(200);

        var stopping = scope.Cluster.StopSiloAsync(silo);
        var probe = silo.Grains.GetGrain<IProbeGrain>("late-caller");
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await probe.EnterAsync(0);
                return false;
            }
            catch (SiloUnavailableException)
            {
                return true;
            }
        }, "new calls are refused while the silo drains");

        Assert.Equal(1, await running);
        await stopping;
        Assert.Equal("""{"value":1}""", await scope.Database.ScalarAsync<string>("SELECT payload FROM grain_state WHERE grain_key = 'draining'"));
    }

    [Fact]
    public async Task A_graceful_stop_runs_each_grains_deactivation()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var silo = scope.Cluster.Primary;
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => silo.Grains.GetGrain<IProbeGrain>($"p{i}").EnterAsync(0)));

        await scope.Cluster.StopSiloAsync(silo);

        Assert.Equal(5, scope.Probes.Deactivations.Count(d => d.Reason == DeactivationReason.ShuttingDown));
    }

    [Fact]
    public async Task A_stopping_silo_leaves_membership_and_fails_readiness_while_it_still_serves_for_the_leave_delay()
    {
        // Heartbeats that stay fresh on a loaded machine: the other silo must count as alive.
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Membership:DeadAfter"] = "00:00:30" });
        var leaving = await scope.Cluster.StartSiloAsync(new Dictionary<string, string?> { ["Membership:LeaveDelay"] = "00:00:03" });
        var leavingId = leaving.SiloId;
        using var http = leaving.CreateClient(bearer: null);
        await Eventually.TrueAsync(async () => await MembershipStatusAsync(scope, leavingId) == "active", "the silo joins");

        var stopping = scope.Cluster.StopSiloAsync(leaving);

        await Eventually.TrueAsync(async () => await MembershipStatusAsync(scope, leavingId) == "left", "the silo marks itself as left", TimeSpan.FromSeconds(2));
        Assert.False(stopping.IsCompleted);
        var ready = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("/problems/leaving", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        await Task.Delay(500);
        Assert.Equal("left", await MembershipStatusAsync(scope, leavingId)); // no heartbeat joins it again
        await stopping;
    }

    [Fact]
    public async Task The_last_silo_alive_stops_without_waiting_for_the_leave_delay()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 0);
        var alone = await scope.Cluster.StartSiloAsync(new Dictionary<string, string?> { ["Membership:LeaveDelay"] = "00:00:20" });
        var aloneId = alone.SiloId;
        await Eventually.TrueAsync(async () => await MembershipStatusAsync(scope, aloneId) == "active", "the silo joins");

        var clock = Stopwatch.StartNew();
        await scope.Cluster.StopSiloAsync(alone);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {clock.Elapsed}");
        Assert.Equal("left", await MembershipStatusAsync(scope, aloneId));
    }

    private static Task<string?> MembershipStatusAsync(ClusterScope scope, string siloId) =>
        scope.Database.ScalarAsync<string>($"SELECT status FROM membership WHERE silo_id = '{siloId}'");
}
