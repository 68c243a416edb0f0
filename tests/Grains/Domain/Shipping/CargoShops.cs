using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Webhooks.Iyzico;
using OrleansShop.Tests.TestingHost;

namespace OrleansShop.Tests.Grains.Domain.Shipping;

/// <summary>A shop that takes iyzico payments and ships with Yurtiçi, its orders, and the views tests read.</summary>
internal sealed record CargoShop(string ShopId, HttpClient Admin, HttpClient Shop, SignedPoster Webhooks, IyzicoPoster Iyzico)
{
    public static object Settings(bool shipping = true, bool smsConfirmation = false, object? carrier = null, string profile = "standard") => new
    {
        name = "Kargo shop",
        webhooks = new { profile, secret = SignedPoster.StandardSecret },
        sms = new { enabled = smsConfirmation },
        shipping = new
        {
            enabled = shipping,
            carrier = "yurtici",
            codCollectionType = "cash",
            handedOverText = "Sn. (arg0), (arg1) siparisiniz kargoda: (arg2) (arg3)",
            deliveredText = "Sn. (arg0), (arg1) siparisiniz teslim edildi.",
        },
        payments = new { iyzico = new { secretKey = IyzicoPoster.SecretKey, apiKey = "sandbox-api-key" } },
        carrier = carrier ?? new { wsUserName = "YKTEST", wsPassword = "YK", language = "TR" },
    };

    public static async Task<CargoShop> CreateAsync(TestSilo silo, string shopId, object? settings = null)
    {
        var admin = silo.CreateClient();
        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", settings ?? Settings());
        created.EnsureSuccessStatusCode();
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString();
        var anonymous = silo.CreateClient(bearer: null);
        return new CargoShop(shopId, admin, silo.CreateClient(key), new SignedPoster(anonymous, shopId, SignedPoster.StandardSecret), new IyzicoPoster(anonymous, shopId, IyzicoPoster.SecretKey));
    }

    public static string Created(string orderId, string paymentMethod = "cod", string total = "349.90", string currency = "TRY", string? reference = null) =>
        JsonSerializer.Serialize(new
        {
            type = "order.created",
            data = new
            {
                orderId,
                reference = reference ?? orderId,
                email = $"buyer-{orderId}@example.com",
                phone = "0532 123 45 67",
                customerName = "Ayşe Yılmaz",
                paymentMethod,
                total = new { amount = total, currency },
                shippingAddress = new { name = "Ayşe Yılmaz", line1 = "Bağdat Cad. No:5 D:3", city = "İstanbul", postalCode = "34710", countryCode = "TR" },
            },
        });

    public static string Payment(string orderId, string amount = "349.90", string currency = "TRY", string transactionId = "tx-1") =>
        JsonSerializer.Serialize(new { type = "payment.succeeded", data = new { orderId, amount, currency, provider = "iyzico", transactionId } });

    public async Task<JsonElement> OrderAsync(string orderId) => await Shop.GetFromJsonAsync<JsonElement>($"/v1/shops/{ShopId}/orders/{orderId}");

    public async Task<string?> StatusAsync(string orderId) => (await OrderAsync(orderId)).GetProperty("status").GetString();

    public async Task<string?> ShipmentStatusAsync(string orderId) => (await OrderAsync(orderId)).GetProperty("shipment").GetProperty("status").GetString();

    public async Task<IReadOnlyList<JsonElement>> SmsAsync() => [.. (await Admin.GetFromJsonAsync<JsonElement>("/v1/sandbox/sms")).EnumerateArray()];

    public async Task<IReadOnlyList<JsonElement>> ParcelsAsync() => [.. (await Admin.GetFromJsonAsync<JsonElement>("/v1/sandbox/shipments")).EnumerateArray()];

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public async Task WaitForAsync(string orderId, Func<JsonElement, bool> condition, string what, TimeSpan? within = null) =>
        await Eventually.TrueAsync(async () => condition(await OrderAsync(orderId)), what, within);
}
