using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.TrustedShops;
using OrleansShop.Tests.TestingHost;

namespace OrleansShop.Tests.Grains.Domain.Reviews;

/// <summary>A shop with Trusted Shops on, its clients, and the webhooks that drive its orders.</summary>
internal sealed class ReviewShop(TestSilo silo, string apiKey, string shopId)
{
    private readonly HttpClient _admin = silo.CreateClient();
    private readonly HttpClient _shop = silo.CreateClient(apiKey);
    private readonly SignedPoster _post = new(silo.CreateClient(bearer: null), shopId, SignedPoster.StandardSecret);

    public const string Tsid = "X1234567890ABCDEF1234567890ABCDEF";
    public const string ProtectionLine = "TS080501_2500_30_EUR";

    public HttpClient Admin => _admin;

    public SignedPoster Post => _post;

    /// <param name="eventType">The shop's <c>reviews.eventType</c>; null leaves it out (the default, <c>delivery</c>).</param>
    public static async Task<ReviewShop> CreateAsync(TestSilo silo, string model = "classic", string shopId = "demo", string? eventType = null)
    {
        using var admin = silo.CreateClient();
        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", Settings(model, eventType));
        created.EnsureSuccessStatusCode();
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString();
        return new ReviewShop(silo, key!, shopId);
    }

    /// <summary>Configures the shop again, as a <c>PUT</c> would later: orders that arrive from then on take these settings.</summary>
    public async Task ConfigureAsync(string model = "classic", string? eventType = null) =>
        (await _admin.PutAsJsonAsync($"/v1/shops/{shopId}", Settings(model, eventType))).EnsureSuccessStatusCode();

    private static object Settings(string model, string? eventType) => new
    {
        name = "Review shop",
        webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
        reviews = new
        {
            enabled = true,
            tsid = Tsid,
            model,
            eventType,
            clientId = TrustedShopsTesting.ClientId,
            clientSecret = TrustedShopsTesting.ClientSecret,
            channelId = TrustedShopsTesting.ChannelId,
            protectionUser = TrustedShopsTesting.ProtectionUser,
            protectionPassword = TrustedShopsTesting.ProtectionPassword,
        },
    };

    /// <summary>The same shop, through another silo (one started after a crash).</summary>
    public ReviewShop On(TestSilo other) => new(other, apiKey, shopId);

    public async Task<JsonElement> OrderAsync(string orderId) => await _shop.GetFromJsonAsync<JsonElement>($"/v1/shops/{shopId}/orders/{orderId}");

    public async Task<string?> ReviewStatusAsync(string orderId) => (await OrderAsync(orderId)).GetProperty("review").GetProperty("status").GetString();

    public async Task<IReadOnlyList<JsonElement>> InvitationsAsync() =>
        [.. (await _admin.GetFromJsonAsync<JsonElement>("/v1/sandbox/reviews")).GetProperty("invitations").EnumerateArray()];

    public async Task<IReadOnlyList<JsonElement>> ProtectionsAsync() =>
        [.. (await _admin.GetFromJsonAsync<JsonElement>("/v1/sandbox/reviews")).GetProperty("protections").EnumerateArray()];

    public async Task SendAsync(string body, string? messageId = null) => (await _post.StandardAsync(body, messageId)).EnsureSuccessStatusCode();

    /// <summary>A prepaid <c>order.created</c> with the buyer's review consent (absent when null) and its lines.</summary>
    public static string Created(string orderId, bool? consent = true, string paymentMethod = "card", params string[] skus)
    {
        var data = new Dictionary<string, object?>
        {
            ["orderId"] = orderId,
            ["email"] = "Jane.Saoirse+shop@gmail.com",
            ["customerName"] = "Jane Saoirse",
            ["paymentMethod"] = paymentMethod,
            ["total"] = new { amount = "129.90", currency = "EUR" },
            ["placedAt"] = "2026-11-20T09:30:00Z",
            ["lines"] = (skus.Length == 0 ? ["SKU-1"] : skus).Select(sku => new { sku, name = $"Item {sku}", quantity = 1, unitPrice = "10.00" }).ToArray(),
        };
        if (consent is { } given)
        {
            data["reviewConsent"] = given;
        }

        return JsonSerializer.Serialize(new { type = "order.created", data });
    }

    public static string Shipment(string orderId, string status) =>
        JsonSerializer.Serialize(new { type = "shipment.updated", data = new { orderId, carrier = "yurtici", trackingCode = "YK123", status } });
}
