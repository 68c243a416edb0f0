using OrleansShop.Tests.Grains;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Runtime;

public sealed class ReminderTests
{
    [Fact]
    public async Task A_reminder_registered_before_a_silo_is_killed_fires_on_another_silo()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 2);
        var (doomed, survivor) = (scope.Cluster.Silos[0], scope.Cluster.Silos[1]);
        await doomed.Grains.GetGrain<IAlarmGrain>("wake-me").SetAsync(dueMilliseconds: 1500, periodMilliseconds: null);

        await scope.Cluster.KillSiloAsync(doomed);

        await Eventually.TrueAsync(() => scope.Ticks.Ticks.Count == 1, "the reminder fires");
        Assert.Equal(survivor.SiloId, scope.Ticks.Ticks.Single().Silo);
        Assert.Equal(1, await survivor.Grains.GetGrain<IAlarmGrain>("wake-me").GetTicksAsync());
        await Eventually.TrueAsync(async () => await scope.Database.ScalarAsync<long>("SELECT count(*) FROM outbox") == 0, "a one-shot reminder is gone after it fired");
    }

    [Fact]
    public async Task A_repeating_reminder_ticks_until_it_is_unregistered()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var alarm = scope.Cluster.Primary.Grains.GetGrain<IAlarmGrain>("repeat");

        await alarm.SetAsync(dueMilliseconds: 0, periodMilliseconds: 500);
        await Eventually.TrueAsync(async () => await alarm.GetTicksAsync() >= 3, "three ticks");
        await alarm.CancelAsync();
        var ticks = await alarm.GetTicksAsync();
        await Task.Delay(1200);

        Assert.InRange(await alarm.GetTicksAsync(), ticks, ticks + 1); // a tick already claimed may still land
        Assert.Equal(0, await scope.Database.ScalarAsync<long>("SELECT count(*) FROM outbox"));
    }

    [Fact]
    public async Task Registering_a_reminder_again_moves_it_instead_of_adding_one()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var alarm = scope.Cluster.Primary.Grains.GetGrain<IAlarmGrain>("moved");

        await alarm.SetAsync(dueMilliseconds: 60_000, periodMilliseconds: null);
        await alarm.SetAsync(dueMilliseconds: 100, periodMilliseconds: null);

        await Eventually.TrueAsync(async () => await alarm.GetTicksAsync() == 1, "the moved reminder fires");
        await Task.Delay(500);
        Assert.Equal(1, await alarm.GetTicksAsync());
        Assert.Equal(0, await scope.Database.ScalarAsync<long>("SELECT count(*) FROM outbox"));
    }
}
