using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansShop.Tests.Grains.Domain.Shops;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Grains.Domain.Sms;

/// <summary>A COD order's SMS confirmation end to end, over HTTP, with the sandbox gateway.</summary>
public sealed class SmsConfirmationFlowTests
{
    private static async Task<(HttpClient Admin, HttpClient Shop, SignedPoster Post, HttpClient Sms)> ShopAsync(ClusterScope scope, string shopId, object? shop = null)
    {
        var silo = scope.Cluster.Silos[^1];
        var admin = silo.CreateClient();
        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", shop ?? ShopsApiTests.Shop());
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString();
        return (admin, silo.CreateClient(key), new SignedPoster(silo.CreateClient(bearer: null), shopId, SignedPoster.StandardSecret), silo.CreateClient("test-sms-token"));
    }

    private static async Task<JsonElement> OrderAsync(HttpClient shop, string shopId, string orderId) =>
        await shop.GetFromJsonAsync<JsonElement>($"/v1/shops/{shopId}/orders/{orderId}");

    private static async Task<IReadOnlyList<JsonElement>> SandboxAsync(HttpClient admin) =>
        [.. (await admin.GetFromJsonAsync<JsonElement>("/v1/sandbox/sms")).EnumerateArray()];

    [Fact]
    public async Task A_cod_order_is_confirmed_by_the_buyers_reply_and_the_confirmation_text_follows()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var (admin, shop, post, _) = await ShopAsync(scope, "demo");

        var created = await post.StandardAsync(SignedPoster.Created("10023"));
        Assert.Equal("AwaitingSmsConfirmation", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        await Eventually.TrueAsync(async () => (await OrderAsync(shop, "demo", "10023")).GetProperty("sms").GetProperty("status").GetString() == "sent", "the request SMS is sent");
        var request = Assert.Single(await SandboxAsync(admin));
        Assert.Equal("+905321234567", request.GetProperty("to").GetString());
        Assert.Equal("Sn. Ayşe Yılmaz, 10023 numarali siparisinizi onaylamak icin ONAY 10023 yazip gonderin.", request.GetProperty("text").GetString());
        Assert.Equal("UCS-2", request.GetProperty("encoding").GetString());

        var reply = await admin.PostAsJsonAsync("/v1/sandbox/sms/reply", new { from = "0532 123 45 67", text = " onay  10023 " });
        var answer = await reply.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("matched").GetBoolean());
        Assert.Equal(("demo", "10023", "Confirmed"), (answer.GetProperty("shopId").GetString(), answer.GetProperty("orderId").GetString(), answer.GetProperty("status").GetString()));

        await Eventually.TrueAsync(async () => (await OrderAsync(shop, "demo", "10023")).GetProperty("status").GetString() == "Confirmed", "the order is confirmed");
        Assert.Equal("confirmed", (await OrderAsync(shop, "demo", "10023")).GetProperty("sms").GetProperty("status").GetString());
        await Eventually.TrueAsync(async () => (await SandboxAsync(admin)).Count == 2, "the confirmation text is sent");
        Assert.Equal("Siparisiniz onaylanmistir.", (await SandboxAsync(admin))[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_reply_is_matched_by_phone_and_reference_across_shops_and_an_ambiguous_one_is_refused()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var a = await ShopAsync(scope, "shop-a");
        var b = await ShopAsync(scope, "shop-b");
        await a.Post.StandardAsync(SignedPoster.Created("1001"));
        await b.Post.StandardAsync(SignedPoster.Created("1001")); // same phone, same reference, another shop
        await Eventually.TrueAsync(async () => (await SandboxAsync(a.Admin)).Count == 2, "both requests are sent");

        var ambiguous = await (await a.Sms.PostAsJsonAsync("/v1/sms/inbound", new { from = "+905321234567", text = "ONAY 1001", messageId = "m-1" })).Content.ReadFromJsonAsync<JsonElement>();
        var unknownReference = await (await a.Sms.PostAsJsonAsync("/v1/sms/inbound", new { from = "+905321234567", text = "ONAY 9999", messageId = "m-2" })).Content.ReadFromJsonAsync<JsonElement>();
        var stranger = await (await a.Sms.PostAsJsonAsync("/v1/sms/inbound", new { from = "+905559876543", text = "ONAY 1001", messageId = "m-3" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(ambiguous.GetProperty("matched").GetBoolean());
        Assert.StartsWith("ambiguous", ambiguous.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(unknownReference.GetProperty("matched").GetBoolean());
        Assert.False(stranger.GetProperty("matched").GetBoolean());
        Assert.Equal("AwaitingSmsConfirmation", (await OrderAsync(a.Shop, "shop-a", "1001")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Two_shops_orders_with_one_reference_are_each_confirmed_by_their_own_buyer()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var a = await ShopAsync(scope, "shop-a");
        var b = await ShopAsync(scope, "shop-b");
        await a.Post.StandardAsync(SignedPoster.Created("1001"));
        await b.Post.StandardAsync(SignedPoster.Created("1001", phone: "+905559876543"));
        await Eventually.TrueAsync(async () => (await SandboxAsync(a.Admin)).Count == 2, "both requests are sent");

        var answer = await (await a.Sms.PostAsJsonAsync("/v1/sms/inbound", new { from = "05559876543", text = "Onay 1001", messageId = "m-b" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(("shop-b", true), (answer.GetProperty("shopId").GetString(), answer.GetProperty("matched").GetBoolean()));
        await Eventually.TrueAsync(async () => (await OrderAsync(b.Shop, "shop-b", "1001")).GetProperty("status").GetString() == "Confirmed", "shop B's order is confirmed");
        Assert.Equal("AwaitingSmsConfirmation", (await OrderAsync(a.Shop, "shop-a", "1001")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_same_inbound_message_twice_gets_the_same_answer_and_confirms_once()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var (admin, shop, post, sms) = await ShopAsync(scope, "demo");
        await post.StandardAsync(SignedPoster.Created("7"));
        await Eventually.TrueAsync(async () => (await SandboxAsync(admin)).Count == 1, "the request is sent");

        var first = await (await sms.PostAsJsonAsync("/v1/sms/inbound", new { from = "+905321234567", text = "ONAY 7", messageId = "netgsm-1" })).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await sms.PostAsJsonAsync("/v1/sms/inbound", new { from = "+905321234567", text = "ONAY 7", messageId = "netgsm-1" })).Content.ReadFromJsonAsync<JsonElement>();
        var later = await (await sms.PostAsJsonAsync("/v1/sms/inbound", new { from = "+905321234567", text = "ONAY 7", messageId = "netgsm-2" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal((true, false), (first.GetProperty("matched").GetBoolean(), first.GetProperty("duplicate").GetBoolean()));
        Assert.Equal((true, true), (again.GetProperty("matched").GetBoolean(), again.GetProperty("duplicate").GetBoolean()));
        Assert.False(later.GetProperty("matched").GetBoolean()); // already confirmed: nothing awaits any more
        await Eventually.TrueAsync(async () => (await SandboxAsync(admin)).Count == 2, "one confirmation text");
        await scope.Database.UntilEffectsSettledAsync();
        Assert.Equal(2, (await SandboxAsync(admin)).Count);
        Assert.Single((await OrderAsync(shop, "demo", "7")).GetProperty("history").EnumerateArray(), h => h.GetProperty("event").GetString() == "sms.confirmed");
    }

    [Fact]
    public async Task An_unconfirmed_order_expires_to_cancelled_even_across_a_silo_restart_and_a_late_reply_changes_nothing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scope = await ClusterScope.StartAsync(silos: 1, timeProvider: clock);
        var (admin, _, post, _) = await ShopAsync(scope, "demo");
        await post.StandardAsync(SignedPoster.Created("expiring"));
        await Eventually.TrueAsync(async () => (await SandboxAsync(admin)).Count == 1, "the request is sent");

        await scope.Cluster.KillSiloAsync(scope.Cluster.Primary);
        var restarted = await scope.Cluster.StartSiloAsync();
        using var shop = restarted.CreateClient();
        clock.Advance(TimeSpan.FromMinutes(2881));

        await Eventually.TrueAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1)); // time goes on: a reminder the new silo loaded after the jump ticks at its next period
            return (await OrderAsync(shop, "demo", "expiring")).GetProperty("status").GetString() == "Cancelled";
        }, "the order expires", TimeSpan.FromSeconds(60));
        var order = await OrderAsync(shop, "demo", "expiring");
        Assert.Equal("expired", order.GetProperty("sms").GetProperty("status").GetString());

        using var restartedAdmin = restarted.CreateClient();
        var late = await (await restartedAdmin.PostAsJsonAsync("/v1/sandbox/sms/reply", new { from = "+905321234567", text = "ONAY expiring" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(late.GetProperty("matched").GetBoolean());
        Assert.Equal("Cancelled", (await OrderAsync(shop, "demo", "expiring")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_shop_can_resend_the_request_while_the_order_waits_but_not_after()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var (admin, shop, post, _) = await ShopAsync(scope, "demo");
        await post.StandardAsync(SignedPoster.Created("again"));
        await Eventually.TrueAsync(async () => (await SandboxAsync(admin)).Count == 1, "the request is sent");

        var resent = await shop.PostAsync("/v1/shops/demo/orders/again/sms/resend", null);
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        await Eventually.TrueAsync(async () => (await SandboxAsync(admin)).Count == 2, "the request is sent again");
        Assert.Equal((await SandboxAsync(admin))[0].GetProperty("text").GetString(), (await SandboxAsync(admin))[1].GetProperty("text").GetString());

        await admin.PostAsJsonAsync("/v1/sandbox/sms/reply", new { from = "+905321234567", text = "ONAY again" });
        await Eventually.TrueAsync(async () => (await OrderAsync(shop, "demo", "again")).GetProperty("status").GetString() == "Confirmed", "confirmed");
        Assert.Equal(HttpStatusCode.Conflict, (await shop.PostAsync("/v1/shops/demo/orders/again/sms/resend", null)).StatusCode);
    }

    [Fact]
    public async Task The_phone_number_is_forgotten_once_the_order_has_ended()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var (_, shop, post, _) = await ShopAsync(scope, "demo");
        await post.StandardAsync(SignedPoster.Created("ended", paymentMethod: "card"));
        Assert.Contains("905321234567", await scope.Database.ScalarAsync<string>("SELECT payload FROM " + TestDatabase.GrainStates + " WHERE grain_type = 'order'"), StringComparison.Ordinal);

        await post.StandardAsync(SignedPoster.Status("ended", "cancelled"));

        Assert.Equal("Cancelled", (await OrderAsync(shop, "demo", "ended")).GetProperty("status").GetString());
        Assert.DoesNotContain("905321234567", await scope.Database.ScalarAsync<string>("SELECT payload FROM " + TestDatabase.GrainStates + " WHERE grain_type = 'order'"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inbound_route_needs_its_token_and_names_bad_fields()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        using var wrong = scope.Cluster.Primary.CreateClient("not-the-sms-token");
        using var sms = scope.Cluster.Primary.CreateClient("test-sms-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsJsonAsync("/v1/sms/inbound", new { from = "+905321234567", text = "ONAY 1" })).StatusCode);
        var invalid = await sms.PostAsJsonAsync("/v1/sms/inbound", new { text = "ONAY 1" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("from", out _));
    }
}
