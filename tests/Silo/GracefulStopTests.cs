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
}
