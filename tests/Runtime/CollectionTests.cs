using Microsoft.Extensions.Time.Testing;
using OrleansShop.Runtime;
using OrleansShop.Tests.Grains;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Runtime;

public sealed class CollectionTests
{
    [Fact]
    public async Task Idle_activations_are_collected_after_their_age_and_busy_ones_are_kept()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scope = await ClusterScope.StartAsync(silos: 1, timeProvider: clock);
        var silo = scope.Cluster.Primary;
        var idle = silo.Grains.GetGrain<IProbeGrain>("idle");
        var busy = silo.Grains.GetGrain<IProbeGrain>("busy");
        await idle.EnterAsync(0);
        await busy.EnterAsync(0);

        clock.Advance(TimeSpan.FromMinutes(10));
        await busy.EnterAsync(0);
        clock.Advance(TimeSpan.FromMinutes(6)); // idle: 16 minutes unused; busy: 6

        await Eventually.TrueAsync(() => scope.Probes.Deactivations.Any(d => d.Key == "idle"), "the idle activation is collected");
        Assert.Equal(DeactivationReason.IdleCollection, scope.Probes.Deactivations.Single(d => d.Key == "idle").Reason);
        Assert.DoesNotContain(scope.Probes.Deactivations, d => d.Key == "busy");
        Assert.Equal(1, silo.Runtime.ActivationCount);

        await idle.EnterAsync(0);
        Assert.Equal(2, scope.Probes.ActivationsOf(silo.SiloId, "idle"));
        Assert.Equal(1, scope.Probes.ActivationsOf(silo.SiloId, "busy"));
    }

    [Fact]
    public async Task An_activation_younger_than_the_collection_age_is_kept()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scope = await ClusterScope.StartAsync(silos: 1, timeProvider: clock);
        var silo = scope.Cluster.Primary;
        await silo.Grains.GetGrain<IProbeGrain>("young").EnterAsync(0);

        clock.Advance(TimeSpan.FromMinutes(14));

        Assert.Equal(0, await silo.Runtime.CollectIdleActivationsAsync());
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }
}
