using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Privacy;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.UtanvetEllenor;
using static OrleansShop.Tests.Silo.Endpoints.Reputation.UpstreamTesting;

namespace OrleansShop.Tests.Silo.Connectors;

/// <summary>A COD order's outcome goes to the shop's Utánvét Ellenőr account through the outbox, with the address opened only for the call.</summary>
public sealed class ReputationSignalTests : IAsyncLifetime
{
    private FakeUtanvetEllenor _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeUtanvetEllenor.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private IReadOnlyList<JsonElement> SignalsOf(string orderId) => [.. _fake.Signals().Where(s => s.GetProperty("orderId").GetString() == orderId)];

    private static async Task<string> OrderStateAsync(ClusterScope scope, string orderKey) =>
        await scope.Database.ScalarAsync<string>($"SELECT payload FROM {TestDatabase.GrainStates} WHERE grain_type = 'order' AND grain_key = '{orderKey}'") ?? "";

    [Fact]
    public async Task An_outcome_is_signalled_once_with_the_address_as_written_and_redelivery_sends_nothing_new()
    {
        await using var scope = await LiveAsync(_fake);
        var demo = await ShopAsync(scope, "demo");

        await demo.OrderAsync("o1", Email, "Fizetve");
        await Eventually.TrueAsync(async () => await demo.SignalStatusAsync("o1") == "signalled", "the signal is delivered");
        await demo.Post.StandardAsync(SignedPoster.Status("o1", "Fizetve")); // the platform sends it again
        await demo.Post.StandardAsync(SignedPoster.Status("o1", "Megrendelés lezárva, fizetve")); // closed: the same outcome
        await demo.OrderAsync("marker", "someone@example.hu", "Vevő nem vette át");
        await Eventually.TrueAsync(async () => await demo.SignalStatusAsync("marker") == "signalled", "a later signal went out, so any duplicate would have too");

        var signal = Assert.Single(SignalsOf("o1"));
        Assert.Equal((Email, 1), (signal.GetProperty("email").GetString(), signal.GetProperty("outcome").GetInt32()));
        Assert.Equal(-1, Assert.Single(SignalsOf("marker")).GetProperty("outcome").GetInt32());
        Assert.All(_fake.Received, r => Assert.Equal(UtanvetEllenorTesting.ExpectedAuthorization, r.Authorization));
        var order = await demo.OrderAsync("o1");
        Assert.Equal(("reported", "collected", "signalled"), (order.GetProperty("reputationReport").GetProperty("status").GetString(), order.GetProperty("reputationReport").GetProperty("outcome").GetString(), order.GetProperty("reputationReport").GetProperty("signal").GetString()));
    }

    [Fact]
    public async Task A_correction_signals_the_new_outcome_and_correcting_back_signals_again()
    {
        await using var scope = await LiveAsync(_fake);
        var demo = await ShopAsync(scope, "demo");

        await demo.OrderAsync("c1", Email, "Fizetve");
        await Eventually.TrueAsync(() => SignalsOf("c1").Count == 1, "the first outcome is signalled");
        await demo.Post.StandardAsync(SignedPoster.Status("c1", "Vevő nem vette át"));
        await Eventually.TrueAsync(() => SignalsOf("c1").Count == 2, "the correction is signalled");
        await demo.Post.StandardAsync(SignedPoster.Status("c1", "Fizetve"));
        await Eventually.TrueAsync(() => SignalsOf("c1").Count == 3, "the correction back is signalled");
        await Eventually.TrueAsync(async () => await demo.SignalStatusAsync("c1") == "signalled", "the order follows the latest signal");

        Assert.Equal([1, -1, 1], SignalsOf("c1").Select(s => s.GetProperty("outcome").GetInt32()));
        Assert.All(SignalsOf("c1"), s => Assert.Equal(Email, s.GetProperty("email").GetString()));
    }

    [Fact]
    public async Task Once_an_ended_orders_outcome_is_signalled_the_sealed_address_is_gone_and_a_later_correction_reaches_the_network_only()
    {
        await using var scope = await LiveAsync(_fake);
        var demo = await ShopAsync(scope, "demo");
        await demo.OrderAsync("e1", Email);
        var sealedEmail = JsonDocument.Parse(await OrderStateAsync(scope, "demo/e1")).RootElement.GetProperty("state").GetProperty("details").GetProperty("sealedEmail").GetString()!;
        Assert.Equal(Email, scope.Cluster.Primary.Services.GetRequiredService<EmailSealer>().Unseal(sealedEmail, OrderKeys.SealingContext("demo", "e1")));

        await demo.Post.StandardAsync(SignedPoster.Status("e1", "Megrendelés lezárva"));
        await Eventually.TrueAsync(async () => await demo.SignalStatusAsync("e1") == "signalled", "the signal is delivered");

        var state = JsonDocument.Parse(await OrderStateAsync(scope, "demo/e1")).RootElement.GetProperty("state");
        Assert.Equal(JsonValueKind.Null, state.GetProperty("details").GetProperty("sealedEmail").ValueKind);
        var everywhere = await scope.Database.ScalarAsync<string>(
            "SELECT coalesce((SELECT string_agg(payload, ' ') FROM " + TestDatabase.GrainStates + "), '')") ?? "";
        Assert.DoesNotContain(sealedEmail[2..40], everywhere, StringComparison.Ordinal); // not in the report grain, not in an effect in any grain's state
        Assert.DoesNotContain("kovacs", everywhere, StringComparison.OrdinalIgnoreCase);

        await demo.Post.StandardAsync(SignedPoster.Status("e1", "Vevő nem vette át"));
        await Eventually.TrueAsync(async () => (await demo.OrderAsync("e1")).GetProperty("reputationReport").GetProperty("status").GetString() == "reported"
            && (await demo.EligibilityAsync()).GetProperty("reputation").GetProperty("notCollected").GetInt32() >= 1, "the network counts the correction");
        Assert.Equal("not_sent", await demo.SignalStatusAsync("e1"));
        Assert.Single(SignalsOf("e1"));
    }

    [Fact]
    public async Task A_signal_answered_for_the_providers_test_address_without_counts_is_delivered_once_and_never_dead_lettered()
    {
        await using var scope = await LiveAsync(_fake);
        var demo = await ShopAsync(scope, "demo");
        _fake.AnswerTestHash(blocked: true);

        await demo.OrderAsync("t1", Email, "Megrendelés lezárva");

        await Eventually.TrueAsync(async () => await demo.SignalStatusAsync("t1") == "signalled", "the signal is delivered");
        await scope.Database.UntilEffectsSettledAsync();
        Assert.Single(SignalsOf("t1"));
        Assert.Equal(0, (await demo.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/deliveries?state=dead")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_signal_refused_for_quota_is_retried_then_dead_lettered_keeping_the_address_sealed_and_a_replay_delivers_it()
    {
        await using var scope = await LiveAsync(_fake);
        var demo = await ShopAsync(scope, "demo");
        _fake.AnswerVerdict(402, reason: "Run out of request quota for current billing period, upgrade your subscription to resolve!");

        await demo.OrderAsync("q1", Email, "Megrendelés lezárva");

        await Eventually.TrueAsync(async () => await demo.SignalStatusAsync("q1") == "failed", "the order learns the signal failed");
        Assert.Equal(4, SignalsOf("q1").Count); // Dispatcher:MaxAttempts in the test defaults
        var dead = (await demo.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/deliveries?state=dead")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal("reputation-provider", dead.GetProperty("targetType").GetString());
        Assert.Contains("quota", dead.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        UtanvetEllenorTesting.AssertNothingSecret(dead.GetRawText());
        Assert.NotEqual(JsonValueKind.Null, JsonDocument.Parse(await OrderStateAsync(scope, "demo/q1")).RootElement.GetProperty("state").GetProperty("details").GetProperty("sealedEmail").ValueKind);

        _fake.AnswerVerdict(200);
        Assert.True((await demo.Admin.PostAsync($"/v1/admin/deliveries/{dead.GetProperty("id").GetInt64()}/retry", content: null)).IsSuccessStatusCode);

        await Eventually.TrueAsync(async () => await demo.SignalStatusAsync("q1") == "signalled", "the replayed signal is delivered");
        Assert.Equal(5, SignalsOf("q1").Count);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await OrderStateAsync(scope, "demo/q1")).RootElement.GetProperty("state").GetProperty("details").GetProperty("sealedEmail").ValueKind);
    }

    [Fact]
    public async Task A_signal_still_undelivered_when_its_silo_is_killed_is_delivered_by_another_silo_under_the_same_order_id()
    {
        await using var scope = await LiveAsync(_fake, maxAttempts: 100);
        var demo = await ShopAsync(scope, "demo");
        _fake.Hang();

        await demo.OrderAsync("k1", Email, "Megrendelés lezárva");
        await Eventually.TrueAsync(() => SignalsOf("k1").Count >= 1, "the signal is on its way");
        await scope.Cluster.KillSiloAsync(scope.Cluster.Primary);
        _fake.AnswerVerdict(200);
        var survivor = await scope.Cluster.StartSiloAsync(Live(_fake, maxAttempts: 100));
        using var admin = survivor.CreateClient();

        await Eventually.TrueAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>("/v1/shops/demo/orders/k1")).GetProperty("reputationReport").GetProperty("signal").GetString() == "signalled",
            "another silo delivers the signal once the dead silo's claim expires", TimeSpan.FromSeconds(30));
        Assert.All(SignalsOf("k1"), s => Assert.Equal((Email, 1, "k1"), (s.GetProperty("email").GetString(), s.GetProperty("outcome").GetInt32(), s.GetProperty("orderId").GetString())));
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await OrderStateAsync(scope, "demo/k1")).RootElement.GetProperty("state").GetProperty("details").GetProperty("sealedEmail").ValueKind);
    }

    [Fact]
    public async Task A_signal_that_a_correction_superseded_before_it_went_out_is_never_sent()
    {
        await using var scope = await LiveAsync(_fake, maxAttempts: 100);
        var demo = await ShopAsync(scope, "demo");
        _fake.AnswerWith(503, "busy", "text/plain");

        await demo.OrderAsync("r1", Email, "Fizetve");
        await Eventually.TrueAsync(() => SignalsOf("r1").Count >= 1, "the first signal is being retried");
        await demo.Post.StandardAsync(SignedPoster.Status("r1", "Vevő nem vette át"));
        await Eventually.TrueAsync(async () => (await demo.OrderAsync("r1")).GetProperty("reputationReport") is var report
            && report.GetProperty("outcome").GetString() == "not_collected" && report.GetProperty("status").GetString() == "reported", "the correction is reported");
        var refused = SignalsOf("r1").Count;
        _fake.AnswerVerdict(200);

        await Eventually.TrueAsync(async () => await demo.SignalStatusAsync("r1") == "signalled", "the correction is signalled");
        await Eventually.TrueAsync(async () => (await demo.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/deliveries?state=pending")).GetProperty("items").GetArrayLength() == 0, "the superseded signal is settled too");

        Assert.Equal([-1], SignalsOf("r1").Skip(refused).Select(s => s.GetProperty("outcome").GetInt32()).Distinct());
        Assert.Equal(-1, SignalsOf("r1")[^1].GetProperty("outcome").GetInt32());
    }
}
