using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Endpoints.Orders;

/// <summary>
/// What the merchant does by hand, and what the shop's platform knows better: a COD order awaiting
/// SMS confirmation can be confirmed or cancelled by hand with a reason, or moved on by the platform
/// (the merchant confirmed it by phone); either way the SMS confirmation stops, the history says
/// why, and the order's outcome reaches the reputation network as usual.
/// </summary>
public sealed class OrderDecisionsApiTests
{
    private const string Buyer = "Jane.Saoirse+shop@gmail.com";

    private sealed record Shop(HttpClient Api, SignedPoster Post) : IDisposable
    {
        public async Task<JsonElement> OrderAsync(string orderId) => await Api.GetFromJsonAsync<JsonElement>($"/v1/shops/demo/orders/{orderId}");

        public async Task<HttpResponseMessage> DecideAsync(string orderId, string action, object body) => await Api.PostAsJsonAsync($"/v1/shops/demo/orders/{orderId}/{action}", body);

        /// <summary>The network's record of the buyer, as checkout asks it.</summary>
        public async Task<(int Collected, int NotCollected)> NetworkAsync()
        {
            var answer = await (await Api.PostAsJsonAsync("/v1/shops/demo/cod-eligibility", new { email = Buyer })).Content.ReadFromJsonAsync<JsonElement>();
            var reputation = answer.GetProperty("reputation");
            return (reputation.GetProperty("collected").GetInt32(), reputation.GetProperty("notCollected").GetInt32());
        }

        public async Task<IReadOnlyList<string?>> EventsAsync(string orderId) =>
            [.. (await OrderAsync(orderId)).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString())];

        public void Dispose() => Api.Dispose();
    }

    private static async Task<Shop> ShopAsync(ClusterScope scope)
    {
        var silo = scope.Cluster.Primary;
        using var admin = silo.CreateClient();
        var created = await admin.PutAsJsonAsync("/v1/shops/demo", ShopsApiTests.Shop());
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString();
        return new Shop(silo.CreateClient(key), new SignedPoster(silo.CreateClient(bearer: null), "demo", SignedPoster.StandardSecret));
    }

    [Fact]
    public async Task An_order_confirmed_by_hand_goes_on_like_any_other_and_its_outcome_reaches_the_network()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        using var shop = await ShopAsync(scope);
        await shop.Post.StandardAsync(SignedPoster.Created("phone-1", email: Buyer));

        var decided = await shop.DecideAsync("phone-1", "confirm", new { reason = "confirmed by phone" });

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var answer = await decided.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("applied", "Confirmed"), (answer.GetProperty("outcome").GetString(), answer.GetProperty("status").GetString()));
        var order = await shop.OrderAsync("phone-1");
        var entry = order.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("merchant.confirmed", "AwaitingSmsConfirmation", "Confirmed", "confirmed by phone"),
            (entry.GetProperty("event").GetString(), entry.GetProperty("from").GetString(), entry.GetProperty("to").GetString(), entry.GetProperty("reason").GetString()));
        Assert.Equal(("stopped", "confirmed by the merchant"), (order.GetProperty("sms").GetProperty("status").GetString(), order.GetProperty("sms").GetProperty("detail").GetString()));

        await shop.Post.StandardAsync(SignedPoster.Status("phone-1", "Vevő nem vette át"));
        await Eventually.TrueAsync(async () => await shop.NetworkAsync() == (0, 1), "the buyer's refusal reaches the network");
        Assert.Equal("NotCollected", (await shop.OrderAsync("phone-1")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_order_the_platform_reports_not_collected_while_it_awaited_the_buyer_is_reported_and_its_sms_expiry_stops()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scope = await ClusterScope.StartAsync(silos: 1, timeProvider: clock);
        using var shop = await ShopAsync(scope);
        await shop.Post.StandardAsync(SignedPoster.Created("never-collected", email: Buyer));
        await shop.Post.StandardAsync(SignedPoster.Created("control", email: "someone.else@example.com", phone: "+905329876543"));

        var answer = await (await shop.Post.StandardAsync(SignedPoster.Status("never-collected", "Vevő nem vette át"))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(("applied", "NotCollected"), (answer.GetProperty("outcome").GetString(), answer.GetProperty("status").GetString()));
        var entry = (await shop.OrderAsync("never-collected")).GetProperty("history").EnumerateArray().Last();
        Assert.Equal("the shop reported it NotCollected while it awaited SMS confirmation: confirmed another way, the SMS confirmation is stopped", entry.GetProperty("reason").GetString());
        await Eventually.TrueAsync(async () => await shop.NetworkAsync() == (0, 1), "the refusal reaches the network");
        await scope.Database.UntilEffectsSettledAsync(); // the confirmation grain has been told to stop

        clock.Advance(TimeSpan.FromMinutes(2881)); // past the shop's expiresAfterMinutes
        await Eventually.TrueAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return (await shop.OrderAsync("control")).GetProperty("status").GetString() == "Cancelled";
        }, "the control order, still waiting, expires", TimeSpan.FromSeconds(60));
        await scope.Database.UntilEffectsSettledAsync();

        var order = await shop.OrderAsync("never-collected");
        Assert.DoesNotContain("sms.expired", await shop.EventsAsync("never-collected"));
        Assert.Equal(("NotCollected", "stopped"), (order.GetProperty("status").GetString(), order.GetProperty("sms").GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_buyer_replying_after_the_merchant_cancelled_is_not_told_the_order_is_confirmed()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        using var shop = await ShopAsync(scope);
        using var admin = scope.Cluster.Primary.CreateClient();
        await shop.Post.StandardAsync(SignedPoster.Created("changed-mind", email: Buyer));
        await Eventually.TrueAsync(async () => (await shop.OrderAsync("changed-mind")).GetProperty("sms").GetProperty("status").GetString() == "sent", "the request is sent");

        Assert.Equal(HttpStatusCode.OK, (await shop.DecideAsync("changed-mind", "cancel", new { reason = "the buyer called to cancel" })).StatusCode);
        await scope.Database.UntilEffectsSettledAsync();
        var reply = await (await admin.PostAsJsonAsync("/v1/sandbox/sms/reply", new { from = "+905321234567", text = "ONAY changed-mind" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(reply.GetProperty("matched").GetBoolean());
        await scope.Database.UntilEffectsSettledAsync();
        Assert.Equal("Cancelled", (await shop.OrderAsync("changed-mind")).GetProperty("status").GetString());
        var texts = (await admin.GetFromJsonAsync<JsonElement>("/v1/sandbox/sms")).EnumerateArray().Select(m => m.GetProperty("purpose").GetString()).ToList();
        Assert.Equal(["confirmation"], texts); // the request only: no "confirmed" text for a cancelled order
        Assert.Equal((0, 0), await shop.NetworkAsync()); // a cancelled order has no outcome
    }

    [Fact]
    public async Task A_decision_is_refused_without_a_reason_or_once_the_order_moved_on_and_repeating_it_changes_nothing()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        using var shop = await ShopAsync(scope);
        await shop.Post.StandardAsync(SignedPoster.Created("decided", email: Buyer));

        var noReason = await shop.DecideAsync("decided", "confirm", new { reason = " " });
        var confirmed = await shop.DecideAsync("decided", "confirm", new { reason = "confirmed by phone" });
        var again = await shop.DecideAsync("decided", "confirm", new { reason = "confirmed by phone" });
        var tooLate = await shop.DecideAsync("decided", "cancel", new { reason = "changed our mind" });
        var unknown = await shop.DecideAsync("no-such-order", "confirm", new { reason = "confirmed by phone" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("ignored", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.Equal("Only an order awaiting SMS confirmation or held is cancelled by hand; this one is Confirmed.", (await tooLate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(["order.created", "merchant.confirmed"], await shop.EventsAsync("decided"));
    }
}
