using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Endpoints.Calls;

/// <summary>
/// The call-in status for the shop's telephone exchange: for a known caller, the status of their
/// latest order of that shop as one sentence in the shop's language; nothing for anyone else.
/// </summary>
public sealed class CallStatusApiTests(OneSilo silo) : IClassFixture<OneSilo>
{
    private const string ExchangeToken = "test-sms-token";

    private async Task<SignedPoster> ShopAsync(string shopId, string language)
    {
        using var admin = silo.Scope.Cluster.Primary.CreateClient();
        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", new { name = shopId, language, webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return new SignedPoster(silo.Scope.Cluster.Primary.CreateClient(bearer: null), shopId, SignedPoster.StandardSecret);
    }

    private static string Placed(string orderId, string phone, string placedAt) => JsonSerializer.Serialize(new
    {
        type = "order.created",
        data = new
        {
            orderId,
            email = $"buyer-{orderId}@example.com",
            phone,
            paymentMethod = "card",
            total = new { amount = "349.90", currency = "TRY" },
            placedAt,
        },
    });

    private async Task<(HttpStatusCode Status, string Text)> AskAsync(string shopId, string? caller, string? token = ExchangeToken)
    {
        using var exchange = silo.Scope.Cluster.Primary.CreateClient(token);
        var response = await exchange.GetAsync($"/v1/shops/{shopId}/calls/status" + (caller is null ? string.Empty : $"?caller={Uri.EscapeDataString(caller)}"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_known_caller_hears_the_status_of_their_latest_order_in_the_shops_language()
    {
        var post = await ShopAsync("calls-tr", "tr");
        await post.StandardAsync(Placed("8101", "+905321230001", "2026-11-20T09:00:00Z"));
        await post.StandardAsync(SignedPoster.Status("8101", "shipped"));
        await post.StandardAsync(Placed("8102", "0532 123 00 01", "2026-11-25T09:00:00Z"));
        await post.StandardAsync(SignedPoster.Status("8102", "paid"));

        var (status, text) = await AskAsync("calls-tr", "05321230001");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("8102 numaralı siparişinizin ödemesi alındı.", text);
    }

    [Fact]
    public async Task An_unknown_caller_or_another_shops_buyer_hears_nothing()
    {
        var mine = await ShopAsync("calls-mine", "en");
        var other = await ShopAsync("calls-other", "en");
        await mine.StandardAsync(Placed("8201", "+905321230002", "2026-11-20T09:00:00Z"));
        await other.StandardAsync(Placed("8202", "+905321230003", "2026-11-20T09:00:00Z"));

        var known = await AskAsync("calls-mine", "+905321230002");
        var unknown = await AskAsync("calls-mine", "+905329999999");
        var elsewhere = await AskAsync("calls-mine", "+905321230003");
        var noShop = await AskAsync("calls-nobody", "+905321230002");

        Assert.Equal((HttpStatusCode.OK, "Your order 8201 has been received."), known);
        Assert.All([unknown, elsewhere, noShop], answer => Assert.Equal((HttpStatusCode.NoContent, string.Empty), answer));
    }

    [Fact]
    public async Task The_exchange_must_bring_its_token_and_a_caller()
    {
        await ShopAsync("calls-auth", "en");

        Assert.Equal(HttpStatusCode.Unauthorized, (await AskAsync("calls-auth", "+905321230004", token: null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AskAsync("calls-auth", "+905321230004", token: "a-shop-key")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await AskAsync("calls-auth", caller: null)).Status);
    }
}
