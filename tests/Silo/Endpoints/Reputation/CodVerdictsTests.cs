using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Endpoints.Reputation;

/// <summary>
/// Every COD order is decided on as it arrives: the buyer's record against the shop's threshold,
/// kept on the order with its figures, and what the shop's <c>reputation.belowThreshold</c> does
/// about a buyer below it — flag, hold for the merchant, or cancel. A held order waits for the
/// merchant to release, confirm or cancel it.
/// </summary>
public sealed class CodVerdictsTests(CodVerdictsTests.NetworkWithABadBuyer network) : IClassFixture<CodVerdictsTests.NetworkWithABadBuyer>
{
    /// <summary>One silo whose network knows <see cref="BadBuyer"/>: one parcel collected, three not (25 %).</summary>
    public sealed class NetworkWithABadBuyer : IAsyncLifetime
    {
        public const string BadBuyer = "Bad.Buyer+cod@example.com";

        public ClusterScope Scope { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Scope = await ClusterScope.StartAsync(silos: 1);
            var feeder = await ShopAsync(Scope, "feeder", CodActionsFlag);
            string[] outcomes = ["Fizetve", "Vevő nem vette át", "Vevő nem vette át", "Vevő nem vette át"];
            for (var i = 0; i < outcomes.Length; i++)
            {
                await feeder.SendAsync(SignedPoster.Created($"past-{i}", email: BadBuyer));
                await feeder.SendAsync(SignedPoster.Status($"past-{i}", outcomes[i]));
            }

            await Eventually.TrueAsync(
                async () => (await feeder.EligibilityAsync(BadBuyer)).GetProperty("reputation") is var r && r.GetProperty("collected").GetInt32() == 1 && r.GetProperty("notCollected").GetInt32() == 3,
                "the network counts the bad buyer's four outcomes");
        }

        public async Task DisposeAsync() => await Scope.DisposeAsync();
    }

    private const string CodActionsFlag = "flag";

    private sealed record Shop(string Id, HttpClient Api, SignedPoster Post)
    {
        public async Task SendAsync(string body)
        {
            using var response = await Post.StandardAsync(body);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task<JsonElement> OrderAsync(string orderId) => await Api.GetFromJsonAsync<JsonElement>($"/v1/shops/{Id}/orders/{orderId}");

        public async Task<JsonElement> EligibilityAsync(string email) =>
            await (await Api.PostAsJsonAsync($"/v1/shops/{Id}/cod-eligibility", new { email })).Content.ReadFromJsonAsync<JsonElement>();

        public async Task<HttpResponseMessage> DecideAsync(string orderId, string action, string reason) =>
            await Api.PostAsJsonAsync($"/v1/shops/{Id}/orders/{orderId}/{action}", new { reason });

        public async Task<IReadOnlyList<string?>> SmsPurposesAsync(HttpClient admin, string orderId) =>
            [.. (await admin.GetFromJsonAsync<JsonElement>("/v1/sandbox/sms")).EnumerateArray()
                .Where(m => m.GetProperty("shopId").GetString() == Id && m.GetProperty("orderId").GetString() == orderId)
                .Select(m => m.GetProperty("purpose").GetString())];
    }

    /// <summary>A COD shop with SMS confirmation and a threshold of 80 %, doing <paramref name="belowThreshold"/> below it.</summary>
    private static async Task<Shop> ShopAsync(ClusterScope scope, string shopId, string belowThreshold, bool sms = true)
    {
        var silo = scope.Cluster.Primary;
        using var admin = silo.CreateClient();
        var body = JsonSerializer.SerializeToNode(ShopsApiTests.Shop())!.AsObject();
        body["reputation"] = JsonSerializer.SerializeToNode(new { thresholdPercent = 80, blockCodBelowThreshold = false, belowThreshold });
        if (!sms)
        {
            body["sms"] = JsonSerializer.SerializeToNode(new { enabled = false });
        }

        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", body);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString();
        return new Shop(shopId, silo.CreateClient(key), new SignedPoster(silo.CreateClient(bearer: null), shopId, SignedPoster.StandardSecret));
    }

    private Task<Shop> ShopAsync(string shopId, string belowThreshold, bool sms = true) => ShopAsync(network.Scope, shopId, belowThreshold, sms);

    private HttpClient Admin() => network.Scope.Cluster.Primary.CreateClient();

    private static JsonElement Verdict(JsonElement order) => order.GetProperty("codVerdict");

    private static (bool Allowed, string? Action, int Threshold, int Collected, int NotCollected, decimal Rate) Figures(JsonElement verdict) =>
        (verdict.GetProperty("allowed").GetBoolean(), verdict.GetProperty("action").GetString(), verdict.GetProperty("thresholdPercent").GetInt32(),
         verdict.GetProperty("collected").GetInt32(), verdict.GetProperty("notCollected").GetInt32(), verdict.GetProperty("ratePercent").GetDecimal());

    [Fact]
    public async Task A_buyer_below_the_threshold_is_flagged_and_the_order_goes_on_with_the_figures_on_it()
    {
        var shop = await ShopAsync("flags", "flag");

        await shop.SendAsync(SignedPoster.Created("f-1", email: NetworkWithABadBuyer.BadBuyer));

        var order = await shop.OrderAsync("f-1");
        Assert.Equal("AwaitingSmsConfirmation", order.GetProperty("status").GetString());
        Assert.Equal((false, "flag", 80, 1, 3, 25m), Figures(Verdict(order)));
        var source = Verdict(order).GetProperty("network");
        Assert.Equal((true, 1, 3), (source.GetProperty("known").GetBoolean(), source.GetProperty("collected").GetInt32(), source.GetProperty("notCollected").GetInt32()));
        Assert.False(Verdict(order).TryGetProperty("upstream", out var upstream) && upstream.ValueKind != JsonValueKind.Null, "a shop without an upstream provider has no upstream figures");
        Assert.Equal("rate 25% is below the threshold 80%", Verdict(order).GetProperty("reasons")[0].GetString());
        var created = order.GetProperty("history")[0];
        Assert.Equal("order.created", created.GetProperty("event").GetString());
        Assert.StartsWith("COD verdict: below the threshold, flagged", created.GetProperty("reason").GetString(), StringComparison.Ordinal);
        using var admin = Admin();
        await Eventually.TrueAsync(async () => (await shop.SmsPurposesAsync(admin, "f-1")).Count == 1, "a flagged order asks its buyer to confirm by SMS as any other");
    }

    [Fact]
    public async Task A_buyer_below_the_threshold_is_cancelled_as_it_arrives_when_the_shop_cancels_and_nothing_is_sent()
    {
        var shop = await ShopAsync("cancels", "cancel");

        await shop.SendAsync(SignedPoster.Created("c-1", email: NetworkWithABadBuyer.BadBuyer));
        await shop.SendAsync(SignedPoster.Created("c-2", email: "good.buyer@example.com", phone: "+905329876543"));

        var cancelled = await shop.OrderAsync("c-1");
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal((false, "cancel", 80, 1, 3, 25m), Figures(Verdict(cancelled)));
        Assert.StartsWith("COD verdict: below the threshold, cancelled", cancelled.GetProperty("history")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("none", cancelled.GetProperty("sms").GetProperty("status").GetString());

        var allowed = await shop.OrderAsync("c-2");
        Assert.Equal("AwaitingSmsConfirmation", allowed.GetProperty("status").GetString());
        Assert.True(Verdict(allowed).GetProperty("allowed").GetBoolean());
        Assert.Equal("none", Verdict(allowed).GetProperty("action").GetString());
        Assert.Equal("new buyer: no collected or uncollected parcels on record", Verdict(allowed).GetProperty("reasons")[0].GetString());
        using var admin = Admin();
        await Eventually.TrueAsync(async () => (await shop.SmsPurposesAsync(admin, "c-2")).Count == 1, "the allowed buyer is asked to confirm");
        Assert.Empty(await shop.SmsPurposesAsync(admin, "c-1")); // sent in the same way and before the allowed one's: it would be there by now
    }

    [Fact]
    public async Task A_held_order_waits_for_the_merchant_and_once_released_asks_its_buyer_to_confirm_by_sms()
    {
        var shop = await ShopAsync("holds", "hold");
        await shop.SendAsync(SignedPoster.Created("h-1", email: NetworkWithABadBuyer.BadBuyer));
        await shop.SendAsync(SignedPoster.Created("h-control", email: "good.buyer@example.com", phone: "+905329876543"));
        using var admin = Admin();
        await Eventually.TrueAsync(async () => (await shop.SmsPurposesAsync(admin, "h-control")).Count == 1, "the control order's SMS goes out");

        var held = await shop.OrderAsync("h-1");
        Assert.Equal("Held", held.GetProperty("status").GetString());
        Assert.Equal((false, "hold", 80, 1, 3, 25m), Figures(Verdict(held)));
        Assert.StartsWith("COD verdict: below the threshold, held for the merchant's decision", held.GetProperty("history")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await shop.SmsPurposesAsync(admin, "h-1"));
        using (var wrong = await shop.DecideAsync("h-control", "release", "not held"))
        {
            Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
            Assert.Contains("Only a held order is released", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var released = await shop.DecideAsync("h-1", "release", "a regular customer, known by phone");

        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        var answer = await released.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("applied", "AwaitingSmsConfirmation"), (answer.GetProperty("outcome").GetString(), answer.GetProperty("status").GetString()));
        await Eventually.TrueAsync(async () => (await shop.SmsPurposesAsync(admin, "h-1")).Count == 1, "the released order asks its buyer to confirm");
        var order = await shop.OrderAsync("h-1");
        var entry = order.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("merchant.released", "Held", "AwaitingSmsConfirmation", "a regular customer, known by phone"),
            (entry.GetProperty("event").GetString(), entry.GetProperty("from").GetString(), entry.GetProperty("to").GetString(), entry.GetProperty("reason").GetString()));
        using var again = await shop.DecideAsync("h-1", "release", "twice");
        Assert.Equal("ignored", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(order.GetProperty("history").GetArrayLength(), (await shop.OrderAsync("h-1")).GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task A_held_order_is_confirmed_or_cancelled_by_hand_and_a_shop_without_sms_confirmation_releases_it_confirmed()
    {
        var shop = await ShopAsync("holds-no-sms", "hold", sms: false);
        foreach (var orderId in new[] { "confirm-me", "cancel-me", "release-me" })
        {
            await shop.SendAsync(SignedPoster.Created(orderId, email: NetworkWithABadBuyer.BadBuyer));
            Assert.Equal("Held", (await shop.OrderAsync(orderId)).GetProperty("status").GetString());
        }

        using var confirmed = await shop.DecideAsync("confirm-me", "confirm", "the buyer paid a deposit");
        using var cancelled = await shop.DecideAsync("cancel-me", "cancel", "too risky");
        using var released = await shop.DecideAsync("release-me", "release", "worth the risk");

        Assert.Equal("Confirmed", (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("Confirmed", (await released.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var last = (await shop.OrderAsync("cancel-me")).GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("merchant.cancelled", "Held", "Cancelled", "too risky"),
            (last.GetProperty("event").GetString(), last.GetProperty("from").GetString(), last.GetProperty("to").GetString(), last.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_held_order_the_platform_reports_shipped_was_released_another_way()
    {
        var shop = await ShopAsync("holds-shipped", "hold");
        await shop.SendAsync(SignedPoster.Created("s-1", email: NetworkWithABadBuyer.BadBuyer));

        await shop.SendAsync(SignedPoster.Status("s-1", "shipped"));

        var order = await shop.OrderAsync("s-1");
        Assert.Equal("Shipped", order.GetProperty("status").GetString());
        Assert.Equal("the shop reported it Shipped while it was held: released another way", order.GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_shop_setting_takes_flag_hold_or_cancel_and_refuses_anything_else_naming_the_field()
    {
        using var admin = Admin();
        var body = JsonSerializer.SerializeToNode(ShopsApiTests.Shop())!.AsObject();
        body["reputation"] = JsonSerializer.SerializeToNode(new { thresholdPercent = 80, belowThreshold = "block" });

        using var refused = await admin.PutAsJsonAsync("/v1/shops/bad-setting", body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("reputation.belowThreshold must be flag, hold or cancel.", problem.GetProperty("errors").GetProperty("reputation.belowThreshold")[0].GetString());
        var shop = await ShopAsync("default-setting", "flag");
        Assert.Equal("flag", (await shop.Api.GetFromJsonAsync<JsonElement>("/v1/shops/default-setting")).GetProperty("reputation").GetProperty("belowThreshold").GetString());
    }
}
