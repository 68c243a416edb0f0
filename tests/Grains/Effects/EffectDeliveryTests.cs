using OrleansShop.Effects;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Grains.Effects;

/// <summary>Effects kept in grain state, on Orleans' in-process test cluster over PostgreSQL.</summary>
public sealed class EffectDeliveryTests : IAsyncLifetime
{
    private EffectsCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await EffectsCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_message_written_with_a_transition_reaches_its_receiver_once()
    {
        await _cluster.Grains.GetGrain<ISenderGrain>("s1").SendAsync("r1", 3);

        var receiver = _cluster.Grains.GetGrain<IReceiverGrain>("r1");
        await Eventually.TrueAsync(async () => (await receiver.GetAsync()).Received.Count == 3, "the three messages arrive");
        await Eventually.TrueAsync(async () => (await _cluster.Grains.GetGrain<IEffectHost>(GrainId.Create("sender", "s1")).GetEffectsAsync()).Count == 0, "the sender settles its effects");
        Assert.Equal(["s1#0", "s1#1", "s1#2"], (await receiver.GetAsync()).Received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_receiver_handles_an_effect_message_delivered_twice_once()
    {
        var receiver = _cluster.Grains.GetGrain<IReceiverGrain>("twice");
        RequestContext.Set("orleansshop-effect", "sender/x/7");
        try
        {
            await receiver.ReceiveAsync("hello");
            await receiver.ReceiveAsync("hello");
        }
        finally
        {
            RequestContext.Clear();
        }

        await receiver.ReceiveAsync("a plain call is not deduplicated");
        Assert.Equal(["hello", "a plain call is not deduplicated"], (await receiver.GetAsync()).Received);
    }

    [Fact]
    public async Task A_method_that_throws_leaves_no_state_change_and_sends_nothing()
    {
        var sender = _cluster.Grains.GetGrain<ISenderGrain>("failing");
        await sender.SendAsync("other", 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendThenFailAsync("never-receiver"));

        Assert.Equal(1, (await sender.GetAsync()).Sent); // the activation went with the failure; this one reloaded
        await _cluster.Grains.GetGrain<ISenderGrain>("probe").SendAsync("probe-receiver", 1);
        await Eventually.TrueAsync(async () => (await _cluster.Grains.GetGrain<IReceiverGrain>("probe-receiver").GetAsync()).Received.Count == 1, "a later message arrives");
        Assert.Empty((await _cluster.Grains.GetGrain<IReceiverGrain>("never-receiver").GetAsync()).Received);
    }

    [Fact]
    public async Task A_call_that_fails_transiently_is_retried_with_its_idempotency_key_and_its_reply_is_the_success()
    {
        var sender = _cluster.Grains.GetGrain<ISenderGrain>("retrying");
        await sender.CallAsync("fail-2");

        await Eventually.TrueAsync(async () => (await sender.GetAsync()).Replies.Count == 1, "the reply arrives");
        Assert.Equal(["ok:done-3"], (await sender.GetAsync()).Replies);
        var attempts = _cluster.Calls.Attempts.Where(a => a.Operation == "fail-2").OrderBy(a => a.Attempt).ToList();
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Single(attempts.Select(a => a.IdempotencyKey).Distinct());
        await Eventually.TrueAsync(() => _cluster.ReadModels.Listed.IsEmpty, "the delivery log forgets it once delivered");
    }

    [Fact]
    public async Task A_call_refused_for_good_is_a_dead_letter_that_an_operator_can_retry()
    {
        var sender = _cluster.Grains.GetGrain<ISenderGrain>("refused");
        await sender.CallAsync("refuse");

        await Eventually.TrueAsync(async () => (await sender.GetAsync()).Replies.Count == 1, "the failure is the reply");
        Assert.Equal(["failed:refused"], (await sender.GetAsync()).Replies);
        var host = _cluster.Grains.GetGrain<IEffectHost>(GrainId.Create("sender", "refused"));
        var dead = Assert.Single(await host.GetEffectsAsync());
        Assert.True(dead.Dead);
        Assert.True(_cluster.ReadModels.Listed.Values.Single().Dead);
        Assert.Single(_cluster.Calls.Attempts, a => a.Operation == "refuse");

        Assert.True(await host.RetryEffectAsync(dead.Id));

        await Eventually.TrueAsync(() => _cluster.Calls.Attempts.Count(a => a.Operation == "refuse") == 2, "the retry is attempted");
        Assert.False(await host.RetryEffectAsync(12345));
    }

    [Fact]
    public async Task Effects_survive_a_silo_killed_mid_load_and_every_message_arrives_exactly_once()
    {
        const int senders = 40;
        var sent = 0;
        var sending = Enumerable.Range(0, senders).Select(async i =>
        {
            var sender = _cluster.Grains.GetGrain<ISenderGrain>($"load-{i}");
            for (var round = 0; round < 5; round++)
            {
                await RetryAsync(() => sender.SendAsync($"sink-{i % 4}", 1));
                Interlocked.Increment(ref sent);
            }
        }).ToList();
        await Eventually.TrueAsync(() => Volatile.Read(ref sent) >= senders, "a fifth of the messages are sent"); // the rest are under way
        await _cluster.Cluster.KillSiloAsync(_cluster.Cluster.Silos[1]);
        await Task.WhenAll(sending);

        // A call cut off by the kill may have committed before its answer was lost; its retry then
        // sent one more. What counts is what each sender committed: every message of it, once.
        var expected = 0;
        for (var i = 0; i < senders; i++)
        {
            expected += (await _cluster.Grains.GetGrain<ISenderGrain>($"load-{i}").GetAsync()).Sent; // activation re-drives what the dead silo left
        }

        await Eventually.TrueAsync(async () =>
        {
            var received = 0;
            for (var sink = 0; sink < 4; sink++)
            {
                received += (await _cluster.Grains.GetGrain<IReceiverGrain>($"sink-{sink}").GetAsync()).Received.Count;
            }

            return received >= expected;
        }, "every message arrives", TimeSpan.FromSeconds(60));

        var all = new List<string>();
        for (var sink = 0; sink < 4; sink++)
        {
            all.AddRange((await _cluster.Grains.GetGrain<IReceiverGrain>($"sink-{sink}").GetAsync()).Received);
        }

        Assert.True(expected >= senders * 5, $"{expected} messages committed");
        Assert.Equal(expected, all.Count);
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_one_shot_reminder_ticks_once()
    {
        var alarm = _cluster.Grains.GetGrain<IAlarmGrain>("once");
        await alarm.SetAsync(TimeSpan.FromMilliseconds(300));

        await Eventually.TrueAsync(async () => await alarm.GetTicksAsync() == 1, "the reminder rings");

        // Not ringing has no event to wait for, so this watches for a while after the first ring: a
        // one-shot reminder is registered with the re-drive interval as its period, so one that the
        // first tick failed to unregister would ring again one period later.
        await Task.Delay(EffectsCluster.RedriveInterval * 1.5);
        Assert.Equal(1, await alarm.GetTicksAsync());
    }

    /// <summary>A call that reached the killed silo fails; the caller tries again, as a platform retries.</summary>
    private static async Task RetryAsync(Func<Task> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception) when (attempt < 20)
            {
                await Eventually.NextLookAsync();
            }
        }
    }
}
