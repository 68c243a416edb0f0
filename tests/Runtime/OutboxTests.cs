using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Runtime.Storage;
using OrleansShop.Tests.Grains;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Runtime;

public sealed class OutboxTests
{
    private static readonly Dictionary<string, string?> NoDispatcher = new() { ["Dispatcher:Enabled"] = "false" };
    private static readonly Dictionary<string, string?> Dispatching = new() { ["Dispatcher:Enabled"] = "true" };

    [Fact]
    public async Task A_turn_commits_its_state_and_its_outbox_rows_together_or_not_at_all()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: NoDispatcher);
        var silo = scope.Cluster.Primary;
        var store = silo.Services.GetRequiredService<AdoRuntimeStore>();
        var sender = silo.Grains.GetGrain<ISenderGrain>("atomic");

        // The failure strikes after the state and outbox statements ran, before COMMIT.
        store.BeforeCommit = _ => throw new IOException("the connection dropped before COMMIT");
        await Assert.ThrowsAsync<IOException>(() => sender.SendAsync("target", 1));
        Assert.Equal(0, await scope.Database.ScalarAsync<long>("SELECT count(*) FROM grain_state WHERE grain_key = 'atomic'"));
        Assert.Equal(0, await scope.Database.ScalarAsync<long>("SELECT count(*) FROM outbox"));

        store.BeforeCommit = null;
        await sender.SendAsync("target", 1);
        Assert.Equal(1, await scope.Database.ScalarAsync<long>("SELECT count(*) FROM grain_state WHERE grain_key = 'atomic'"));
        Assert.Equal(1, await scope.Database.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE kind = 'message' AND target_key = 'target'"));
    }

    [Fact]
    public async Task A_message_committed_by_a_silo_killed_before_delivery_is_delivered_after_restart()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: NoDispatcher);
        var doomed = scope.Cluster.Primary;
        await doomed.Grains.GetGrain<ISenderGrain>("before-crash").SendAsync("after-crash", 7);
        await scope.Cluster.KillSiloAsync(doomed);
        Assert.Equal(1, await scope.Database.ScalarAsync<long>("SELECT count(*) FROM outbox"));

        var restarted = await scope.Cluster.StartSiloAsync(Dispatching);

        var counter = restarted.Grains.GetGrain<ICounterGrain>("after-crash");
        await Eventually.TrueAsync(async () => await counter.GetAsync() == 7, "the message committed before the crash is delivered");
        await Eventually.TrueAsync(async () => await scope.Database.ScalarAsync<long>("SELECT count(*) FROM outbox") == 0, "the delivered row is gone");
    }

    [Fact]
    public async Task A_redelivered_grain_message_takes_effect_once()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: NoDispatcher);
        await scope.Cluster.Primary.Grains.GetGrain<ISenderGrain>("twice").SendAsync("counted-once", 3);

        // The same row twice, as when a dispatcher delivered it and died before recording that.
        await scope.Database.ScalarAsync<long>(
            """
            INSERT INTO outbox (service_id, kind, target_type, target_key, operation, payload, idempotency_key, state, attempts, due_at, created_at)
            SELECT service_id, kind, target_type, target_key, operation, payload, idempotency_key, state, attempts, due_at, created_at FROM outbox
            """);
        Assert.Equal(2, await scope.Database.ScalarAsync<long>("SELECT count(*) FROM outbox"));
        var dispatcher = await scope.Cluster.StartSiloAsync(Dispatching);

        await Eventually.TrueAsync(async () => await scope.Database.ScalarAsync<long>("SELECT count(*) FROM outbox") == 0, "both copies are delivered");
        Assert.Equal(3, await dispatcher.Grains.GetGrain<ICounterGrain>("counted-once").GetAsync());
    }

    [Fact]
    public async Task A_call_in_flight_on_a_killed_silo_is_delivered_by_another_silo_once_its_lease_expires()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var doomed = scope.Cluster.Primary;
        var key = await doomed.Grains.GetGrain<ISenderGrain>("hanging").CallAsync("hang-first", wantReply: false);
        await Eventually.TrueAsync(() => scope.Calls.Attempts.Any(a => a.IdempotencyKey == key), "the first attempt starts on the doomed silo");

        await scope.Cluster.KillSiloAsync(doomed);
        var survivor = await scope.Cluster.StartSiloAsync();

        await Eventually.TrueAsync(() => scope.Calls.DeliveriesOf(key) == 1, "the survivor delivers the call");
        Assert.Equal(survivor.SiloId, scope.Calls.Delivered.Single(d => d.Key == key).Silo);
        await Eventually.TrueAsync(async () => await scope.Database.ScalarAsync<long>("SELECT count(*) FROM outbox") == 0, "the row is completed");
        Assert.Equal(1, scope.Calls.DeliveriesOf(key));
    }

    [Fact]
    public async Task Two_dispatchers_never_deliver_the_same_row_at_once_and_deliver_each_exactly_once()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: NoDispatcher);
        scope.Calls.HoldMilliseconds = 5;
        var keys = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            scope.Cluster.Primary.Grains.GetGrain<ISenderGrain>($"s{i % 30}").CallAsync("ok", wantReply: false)));

        // Two dispatching silos start on the same 300 due rows.
        await Task.WhenAll(scope.Cluster.StartSiloAsync(Dispatching), scope.Cluster.StartSiloAsync(Dispatching));

        await Eventually.TrueAsync(() => scope.Calls.Delivered.Count >= 300, "all 300 calls are delivered");
        await Eventually.TrueAsync(async () => await scope.Database.ScalarAsync<long>("SELECT count(*) FROM outbox") == 0, "every row is completed");
        Assert.Equal(0, scope.Calls.Overlaps);
        Assert.All(keys, key => Assert.Equal(1, scope.Calls.DeliveriesOf(key)));
        Assert.Equal(300, scope.Calls.Delivered.Count);
        Assert.Equal(2, scope.Calls.Delivered.Select(d => d.Silo).Distinct().Count());
    }

    [Fact]
    public async Task A_row_that_keeps_failing_becomes_a_dead_letter_and_is_delivered_once_when_replayed()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var silo = scope.Cluster.Primary;
        using var admin = silo.CreateClient();
        scope.Calls.Failing = true;
        var key = await silo.Grains.GetGrain<ISenderGrain>("unlucky").CallAsync("flaky", wantReply: true);

        DeliveryView? dead = null;
        await Eventually.TrueAsync(async () =>
        {
            dead = (await admin.GetFromJsonAsync<DeliveryPageView>("/v1/admin/deliveries?state=dead"))!.Items.SingleOrDefault();
            return dead is not null;
        }, "the call is dead-lettered");
        Assert.Equal(4, dead!.Attempts);
        Assert.Equal("the provider is down", dead.LastError);
        Assert.Equal(key, dead.IdempotencyKey);
        Assert.Equal(4, scope.Calls.Attempts.Count(a => a.IdempotencyKey == key));
        Assert.Equal(0, scope.Calls.DeliveriesOf(key));

        var failure = silo.Grains.GetGrain<ISenderGrain>("unlucky");
        await Eventually.TrueAsync(async () => (await failure.GetAsync()).Results.Count == 1, "the grain hears of the failure");
        Assert.False((await failure.GetAsync()).Results[0].Succeeded);

        scope.Calls.Failing = false;
        var retry = await admin.PostAsync($"/v1/admin/deliveries/{dead.Id}/retry", content: null);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);

        await Eventually.TrueAsync(() => scope.Calls.DeliveriesOf(key) == 1, "the replayed row is delivered");
        await Eventually.TrueAsync(async () => (await failure.GetAsync()).Results.Count == 2, "the grain hears of the success");
        Assert.True((await failure.GetAsync()).Results[1].Succeeded);
        Assert.Empty((await admin.GetFromJsonAsync<DeliveryPageView>("/v1/admin/deliveries?state=dead"))!.Items);
        await Task.Delay(500);
        Assert.Equal(1, scope.Calls.DeliveriesOf(key));
    }

    [Fact]
    public async Task A_permanent_failure_is_dead_lettered_at_once()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var key = await scope.Cluster.Primary.Grains.GetGrain<ISenderGrain>("rejected").CallAsync("permanent", wantReply: false);

        await Eventually.TrueAsync(async () => await scope.Database.ScalarAsync<string>("SELECT state FROM outbox") == "dead", "the call is dead");
        Assert.Single(scope.Calls.Attempts, a => a.IdempotencyKey == key);
        Assert.Equal("the provider rejected the request", await scope.Database.ScalarAsync<string>("SELECT last_error FROM outbox"));
    }

    [Fact]
    public async Task The_answer_of_an_external_call_comes_back_to_the_grain_that_made_it()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var sender = scope.Cluster.Primary.Grains.GetGrain<ISenderGrain>("asks");

        var key = await sender.CallAsync("ok", wantReply: true);

        await Eventually.TrueAsync(async () => (await sender.GetAsync()).Results.Count == 1, "the reply arrives");
        var result = (await sender.GetAsync()).Results[0];
        Assert.True(result.Succeeded);
        Assert.Equal(key, result.IdempotencyKey);
        Assert.StartsWith("{\"number\":\"N-", result.Response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Idempotency_keys_are_unique_and_stable_per_committed_version()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: NoDispatcher);
        var sender = scope.Cluster.Primary.Grains.GetGrain<ISenderGrain>("keys");

        var first = await sender.CallAsync("ok", wantReply: false);
        var second = await sender.CallAsync("ok", wantReply: false);

        Assert.Equal("sender/keys/v1/0", first);
        Assert.Equal("sender/keys/v2/0", second);
    }

    [Fact]
    public async Task A_graceful_stop_finishes_a_delivery_in_flight_and_records_it()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var silo = scope.Cluster.Primary;
        var key = await silo.Grains.GetGrain<ISenderGrain>("draining").CallAsync("slow", wantReply: false);
        await Eventually.TrueAsync(() => scope.Calls.Attempts.Any(a => a.IdempotencyKey == key), "the slow delivery starts");

        await scope.Cluster.StopSiloAsync(silo);

        Assert.Equal(1, scope.Calls.DeliveriesOf(key));
        Assert.Equal(0, await scope.Database.ScalarAsync<long>("SELECT count(*) FROM outbox"));
    }

    [Fact]
    public async Task A_graceful_stop_releases_claimed_deliveries_it_has_not_started_so_another_silo_delivers_them_at_once()
    {
        // Leases outlast the test: only an explicit release lets another silo take the rows in time.
        var oneAtATime = new Dictionary<string, string?> { ["Dispatcher:Enabled"] = "true", ["Dispatcher:MaxConcurrentDeliveries"] = "1", ["Dispatcher:Lease"] = "00:02:00", ["Dispatcher:DeliveryTimeout"] = "00:00:05" };
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: NoDispatcher);
        var sender = scope.Cluster.Primary.Grains.GetGrain<ISenderGrain>("queued");
        var keys = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            keys.Add(await sender.CallAsync("slow", wantReply: false));
        }

        var stopping = await scope.Cluster.StartSiloAsync(oneAtATime);
        var stoppingId = stopping.SiloId;
        await Eventually.TrueAsync(() => scope.Calls.Attempts.Count == 1, "the stopping silo starts the first of the rows it claimed");
        Assert.Equal(4, await scope.Database.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE claimed_by IS NOT NULL"));
        var takerId = (await scope.Cluster.StartSiloAsync(oneAtATime)).SiloId;

        await scope.Cluster.StopSiloAsync(stopping);

        await Eventually.TrueAsync(() => keys.All(k => scope.Calls.DeliveriesOf(k) == 1), "every call is delivered", TimeSpan.FromSeconds(20));
        // The stopping silo keeps delivering while it drains; whatever it had not started, the taker delivered.
        var byStopping = scope.Calls.Delivered.Count(d => d.Silo == stoppingId);
        Assert.InRange(byStopping, 1, 3);
        Assert.Equal(4 - byStopping, scope.Calls.Delivered.Count(d => d.Silo == takerId));
        Assert.Equal(4, scope.Calls.Attempts.Count);
        Assert.Equal(0, scope.Calls.Overlaps);
    }

    private sealed record DeliveryPageView(IReadOnlyList<DeliveryView> Items, long? Next);

    private sealed record DeliveryView(long Id, string Kind, string TargetType, string Operation, string IdempotencyKey, string State, int Attempts, string? LastError);
}
