using OrleansShop.Tests.Grains;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Runtime;

public sealed class InboxTests
{
    [Fact]
    public async Task A_duplicate_inbox_key_is_answered_with_the_original_result_and_changes_nothing()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var grains = scope.Cluster.Primary.Grains;

        var first = await grains.InvokeOnceAsync<ICounterGrain, int>("once", "delivery-1", g => g.AddAsync(5));
        var again = await grains.InvokeOnceAsync<ICounterGrain, int>("once", "delivery-1", g => g.AddAsync(5));
        var third = await grains.InvokeOnceAsync<ICounterGrain, int>("once", "delivery-1", g => g.AddAsync(100));

        Assert.Equal((5, false), (first.Value, first.Duplicate));
        Assert.Equal((5, true), (again.Value, again.Duplicate));
        Assert.Equal((5, true), (third.Value, third.Duplicate));
        Assert.Equal(5, await grains.GetGrain<ICounterGrain>("once").GetAsync());
        Assert.Equal(1, await scope.Database.ScalarAsync<long>("SELECT version FROM grain_state WHERE grain_key = 'once'"));
    }

    [Fact]
    public async Task The_same_delivery_racing_on_two_silos_takes_effect_once()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 2);
        var silos = scope.Cluster.Silos;

        for (var round = 0; round < 20; round++)
        {
            var key = $"race-{round}";
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () => (await Conflicts.RetryAsync(() =>
                silos[i % 2].Grains.InvokeOnceAsync<ICounterGrain, int>("raced", key, g => g.AddAsync(1)))).Value)));

            Assert.Single(answers, a => !a.Duplicate);
            Assert.All(answers, a => Assert.Equal(round + 1, a.Value));
        }

        Assert.Equal(20, await silos[0].Grains.GetGrain<ICounterGrain>("raced").GetAsync());
    }

    [Fact]
    public async Task Different_inbox_keys_each_take_effect()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var grains = scope.Cluster.Primary.Grains;

        await grains.InvokeOnceAsync<ICounterGrain, int>("keys", "a", g => g.AddAsync(1));
        await grains.InvokeOnceAsync<ICounterGrain, int>("keys", "b", g => g.AddAsync(1));

        Assert.Equal(2, await grains.GetGrain<ICounterGrain>("keys").GetAsync());
    }
}
