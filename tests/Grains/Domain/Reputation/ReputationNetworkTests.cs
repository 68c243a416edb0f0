using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Reputation;
using OrleansShop.Tests.Grains.Domain.Orders;
using OrleansShop.Tests.Grains.Domain.Shops;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Grains.Domain.Reputation;

public sealed class ReputationNetworkTests
{
    private const string Email = "Jane.Saoirse+shop@gmail.com";

    private static async Task<(HttpClient Admin, HttpClient Shop, SignedPoster Post)> ShopAsync(ClusterScope scope, string shopId, int threshold = 80, bool block = true)
    {
        var silo = scope.Cluster.Primary;
        var admin = silo.CreateClient();
        var body = JsonSerializer.SerializeToNode(ShopsApiTests.Shop())!.AsObject();
        body["reputation"] = JsonSerializer.SerializeToNode(new { thresholdPercent = threshold, blockCodBelowThreshold = block });
        body["sms"] = JsonSerializer.SerializeToNode(new { enabled = false });
        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", body);
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString();
        return (admin, silo.CreateClient(key), new SignedPoster(silo.CreateClient(bearer: null), shopId, SignedPoster.StandardSecret));
    }

    /// <summary>Orders of one buyer, each ended collected or not, reported through the real webhook path.</summary>
    private static async Task OutcomesAsync(SignedPoster post, string prefix, int collected, int notCollected, string email = Email)
    {
        for (var i = 0; i < collected + notCollected; i++)
        {
            await post.StandardAsync(SignedPoster.Created($"{prefix}{i}", email: email));
            await post.StandardAsync(SignedPoster.Status($"{prefix}{i}", i < collected ? "Fizetve" : "Vevő nem vette át"));
        }
    }

    private static async Task<JsonElement> EligibilityAsync(HttpClient shop, string shopId, string email = Email) =>
        await (await shop.PostAsJsonAsync($"/v1/shops/{shopId}/cod-eligibility", new { email })).Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task Twenty_three_collected_and_three_not_is_88_46_percent_allowed_at_an_80_percent_threshold()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var (_, shop, post) = await ShopAsync(scope, "demo");
        await OutcomesAsync(post, "o", collected: 23, notCollected: 3);

        JsonElement answer = default;
        await Eventually.TrueAsync(async () => (answer = await EligibilityAsync(shop, "demo")).GetProperty("reputation").GetProperty("collected").GetInt32() == 23
            && answer.GetProperty("reputation").GetProperty("notCollected").GetInt32() == 3, "every outcome is counted");

        Assert.True(answer.GetProperty("codAllowed").GetBoolean());
        Assert.Equal(88.46m, answer.GetProperty("reputation").GetProperty("ratePercent").GetDecimal());
        Assert.True(answer.GetProperty("reputation").GetProperty("known").GetBoolean());
        Assert.Equal(80, answer.GetProperty("thresholdPercent").GetInt32());
        Assert.Equal("rate 88.46% is at or above the threshold 80%", answer.GetProperty("reasons")[0].GetString());
        var order = await shop.GetFromJsonAsync<JsonElement>("/v1/shops/demo/orders/o25");
        Assert.Equal(("reported", "not_collected"), (order.GetProperty("reputationReport").GetProperty("status").GetString(), order.GetProperty("reputationReport").GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task A_seventy_percent_buyer_is_blocked_with_the_reason_and_exactly_the_threshold_is_allowed()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var (_, shop, post) = await ShopAsync(scope, "demo");
        await OutcomesAsync(post, "seventy", collected: 7, notCollected: 3, email: "seventy@example.com");
        await OutcomesAsync(post, "eighty", collected: 4, notCollected: 1, email: "eighty@example.com");

        JsonElement seventy = default, eighty = default;
        static bool Counted(JsonElement answer, int collected, int notCollected) =>
            answer.GetProperty("reputation") is var reputation
            && reputation.GetProperty("collected").GetInt32() == collected && reputation.GetProperty("notCollected").GetInt32() == notCollected;
        await Eventually.TrueAsync(async () => Counted(seventy = await EligibilityAsync(shop, "demo", "seventy@example.com"), 7, 3), "all ten of seventy's outcomes are counted");
        await Eventually.TrueAsync(async () => Counted(eighty = await EligibilityAsync(shop, "demo", "eighty@example.com"), 4, 1), "all five of eighty's outcomes are counted");

        Assert.False(seventy.GetProperty("codAllowed").GetBoolean());
        Assert.Equal("rate 70% is below the threshold 80%", seventy.GetProperty("reasons")[0].GetString());
        Assert.True(eighty.GetProperty("codAllowed").GetBoolean());
        Assert.Equal(80m, eighty.GetProperty("reputation").GetProperty("ratePercent").GetDecimal());
    }

    [Fact]
    public async Task A_buyer_with_no_history_is_allowed_and_called_new_and_the_answer_is_recorded_on_the_order()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var (_, shop, post) = await ShopAsync(scope, "demo");

        var answer = await EligibilityAsync(shop, "demo", "first.time@example.com");
        await post.StandardAsync(SignedPoster.Created("fresh", email: "first.time@example.com"));

        Assert.True(answer.GetProperty("codAllowed").GetBoolean());
        Assert.False(answer.GetProperty("reputation").GetProperty("known").GetBoolean());
        Assert.StartsWith("new buyer", answer.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await shop.PostAsJsonAsync("/v1/shops/demo/cod-eligibility", new { email = "not-an-address" })).StatusCode);
        var order = await shop.GetFromJsonAsync<JsonElement>("/v1/shops/demo/orders/fresh");
        Assert.False(order.GetProperty("reputationAtCheckout").GetProperty("known").GetBoolean());
    }

    [Fact]
    public async Task Two_shops_reports_about_one_buyer_written_differently_meet_in_one_record()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var a = await ShopAsync(scope, "shop-a");
        var b = await ShopAsync(scope, "shop-b");
        await OutcomesAsync(a.Post, "a", collected: 2, notCollected: 0, email: "Jane.Saoirse+a@gmail.com");
        await OutcomesAsync(b.Post, "b", collected: 0, notCollected: 1, email: " janesaoirse@GMAIL.com");

        await Eventually.TrueAsync(async () =>
        {
            var answer = await EligibilityAsync(b.Shop, "shop-b", "j.a.n.e.saoirse@gmail.com");
            return answer.GetProperty("reputation").GetProperty("collected").GetInt32() == 2 && answer.GetProperty("reputation").GetProperty("notCollected").GetInt32() == 1;
        }, "both shops' outcomes count for the one buyer");
    }

    [Fact]
    public async Task Erasure_removes_every_contribution_and_the_rate_follows()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var (admin, shop, post) = await ShopAsync(scope, "demo");
        await OutcomesAsync(post, "e", collected: 2, notCollected: 1);
        await Eventually.TrueAsync(async () =>
        {
            var reputation = (await EligibilityAsync(shop, "demo")).GetProperty("reputation");
            return reputation.GetProperty("collected").GetInt32() == 2 && reputation.GetProperty("notCollected").GetInt32() == 1;
        }, "all three outcomes are counted");

        var erased = await (await admin.PostAsJsonAsync("/v1/reputation/erasure", new { email = "JANESAOIRSE@gmail.com" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(3, erased.GetProperty("erasedContributions").GetInt32());
        Assert.False((await EligibilityAsync(shop, "demo")).GetProperty("reputation").GetProperty("known").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await shop.PostAsJsonAsync("/v1/reputation/erasure", new { email = Email })).StatusCode);
    }

    [Fact]
    public async Task Random_outcomes_corrections_and_redeliveries_keep_the_counts_exactly_those_of_a_simple_model()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 2);
        var random = new Random(5);
        var silos = scope.Cluster.Silos;
        var model = new Dictionary<string, Outcome>();
        var delivered = new List<(string Order, string Key, OrderTrigger Trigger)>();
        for (var i = 0; i < 8; i++)
        {
            await silos[0].Grains.GetGrain<IOrderGrain>($"model/{i}").ApplyAsync(OrderEventsFor.Created(cod: true));
        }

        for (var step = 0; step < 80; step++)
        {
            var grains = silos[random.Next(2)].Grains;
            if (delivered.Count > 0 && random.NextDouble() < 0.3)
            {
                // A platform redelivers something it sent before: nothing may change.
                var (order, key, trigger) = delivered[random.Next(delivered.Count)];
                await Conflicts.RetryAsync(() => grains.GetGrain<IOrderGrain>($"model/{order}").ApplyOnceAsync(key, OrderEventsFor.Trigger(trigger)));
                continue;
            }

            var target = random.Next(8).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var next = new[] { OrderTrigger.Paid, OrderTrigger.Closed, OrderTrigger.NotCollected }[random.Next(3)];
            var inboxKey = $"delivery-{step}";
            await Conflicts.RetryAsync(() => grains.GetGrain<IOrderGrain>($"model/{target}").ApplyOnceAsync(inboxKey, OrderEventsFor.Trigger(next)));
            delivered.Add((target, inboxKey, next));
            model[target] = next == OrderTrigger.NotCollected ? Outcome.NotCollected : Outcome.Collected; // every outcome can correct the other
        }

        var buyer = silos[1].Grains.GetGrain<IBuyerReputationGrain>(OrderEventsFor.EmailHash);
        var expected = ReputationView.From(model.Values.Count(o => o == Outcome.Collected), model.Values.Count(o => o == Outcome.NotCollected));
        await Eventually.TrueAsync(async () => await buyer.GetAsync() == expected, $"the network counts {expected}");
        await scope.Database.UntilEffectsSettledAsync();
        Assert.Equal(expected, await buyer.GetAsync());
    }

}

/// <summary>Order events for one buyer, without timestamps (so nothing is stale).</summary>
internal static class OrderEventsFor
{
    public const string EmailHash = "model-buyer";

    public static OrderEvent Created(bool cod) => OrderEvents.Created(cod, sms: false) with
    {
        Order = OrderEvents.Created(cod, sms: false).Order! with { EmailHash = EmailHash },
    };

    public static OrderEvent Trigger(OrderTrigger trigger) => OrderEvents.Trigger(trigger);
}
