using OrleansShop.Runtime;
using OrleansShop.Tests.Grains;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Runtime;

public sealed class TurnTests
{
    [Fact]
    public async Task Hundred_concurrent_calls_to_one_grain_run_one_at_a_time_in_one_activation()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var silo = scope.Cluster.Primary;
        var grain = silo.Grains.GetGrain<IProbeGrain>("solo");

        var seen = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => grain.EnterAsync(holdMilliseconds: 2))));

        Assert.All(seen, inside => Assert.Equal(1, inside));
        Assert.Equal(1, scope.Probes.MaxConcurrentTurns);
        Assert.Equal(1, scope.Probes.ActivationsOf(silo.SiloId, "solo"));
    }

    [Fact]
    public async Task Hundred_callers_to_ten_grains_see_exactly_one_activation_each_per_silo()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 2);
        var silos = scope.Cluster.Silos;

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            silos[i / 10 % 2].Grains.GetGrain<IProbeGrain>($"g{i % 10}").EnterAsync(holdMilliseconds: 1))));

        foreach (var silo in silos)
        {
            for (var g = 0; g < 10; g++)
            {
                Assert.Equal(1, scope.Probes.ActivationsOf(silo.SiloId, $"g{g}"));
            }
        }

        Assert.Equal(20, scope.Probes.Activations.Count);
    }

    [Fact]
    public async Task Two_silos_incrementing_one_counter_a_thousand_times_end_at_exactly_a_thousand()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 2);
        var silos = scope.Cluster.Silos;
        var remaining = 1000;

        // Eight callers per silo, each taking the next of the 1,000 increments until none are left.
        // A call that loses its race twice surfaces the conflict and is retried by the caller, as a
        // platform retries a webhook answered 503: a failed call must not have counted.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(caller => Task.Run(async () =>
        {
            var counter = silos[caller % 2].Grains.GetGrain<ICounterGrain>("shared");
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await Conflicts.RetryAsync(counter.IncrementAsync);
            }
        })));

        var stored = await scope.Database.ScalarAsync<string>("SELECT payload FROM grain_state WHERE grain_type = 'counter' AND grain_key = 'shared'");
        var version = await scope.Database.ScalarAsync<long>("SELECT version FROM grain_state WHERE grain_type = 'counter' AND grain_key = 'shared'");
        Assert.Equal("""{"value":1000}""", stored);
        Assert.Equal(1000, version);
        Assert.True(silos.Sum(s => s.Runtime.VersionConflicts) > 0, "two silos writing one grain must have raced at least once");
    }

    [Fact]
    public async Task A_read_on_one_silo_sees_what_another_silo_committed_before_it()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 2);
        var (a, b) = (scope.Cluster.Silos[0].Grains.GetGrain<ICounterGrain>("shared-read"), scope.Cluster.Silos[1].Grains.GetGrain<ICounterGrain>("shared-read"));
        Assert.Equal(0, await b.GetAsync()); // silo B holds an activation at version 0

        for (var i = 1; i <= 5; i++)
        {
            await a.IncrementAsync();
            Assert.Equal(i, await b.GetAsync());
        }

        Assert.Equal(5, scope.Cluster.Silos[1].Runtime.StaleActivations);
    }

    [Fact]
    public async Task A_turn_that_throws_commits_nothing_and_the_next_call_sees_the_stored_state()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var counter = scope.Cluster.Primary.Grains.GetGrain<ICounterGrain>("fails");
        await counter.IncrementAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(counter.IncrementThenFailAsync);

        Assert.Equal(1, await counter.GetAsync());
        Assert.Equal(1, await scope.Database.ScalarAsync<long>("SELECT version FROM grain_state WHERE grain_key = 'fails'"));
    }

    [Fact]
    public async Task A_call_that_outlasts_the_call_timeout_fails_with_a_timeout()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Runtime:CallTimeout"] = "00:00:00.300" });
        var probe = scope.Cluster.Primary.Grains.GetGrain<IProbeGrain>("slow");

        await Assert.ThrowsAsync<TimeoutException>(() => probe.EnterAsync(holdMilliseconds: 2000));
    }

    [Fact]
    public async Task A_call_that_times_out_while_queued_behind_a_long_turn_never_runs()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Runtime:CallTimeout"] = "00:00:00.500" });
        var counter = scope.Cluster.Primary.Grains.GetGrain<ICounterGrain>("queued");

        var longTurn = counter.SlowIncrementAsync(holdMilliseconds: 1200);
        await Task.Delay(50);
        await Assert.ThrowsAsync<TimeoutException>(counter.IncrementAsync); // queued behind the long turn until its timeout
        await Assert.ThrowsAsync<TimeoutException>(() => longTurn); // its caller stops waiting; the turn itself goes on
        await Task.Delay(1000);

        Assert.Equal(1, await counter.GetAsync()); // the long turn committed; the queued call never ran
    }

    [Fact]
    public async Task Grain_references_name_their_grain_and_are_equal_when_their_grain_is()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var grains = scope.Cluster.Primary.Grains;

        var counter = grains.GetGrain<ICounterGrain>("shop-1/order-7");

        Assert.Equal("counter/shop-1/order-7", counter.ToString());
        Assert.Equal(counter, grains.GetGrain<ICounterGrain>("shop-1/order-7"));
        Assert.NotEqual(counter, grains.GetGrain<ICounterGrain>("shop-1/order-8"));
    }
}
