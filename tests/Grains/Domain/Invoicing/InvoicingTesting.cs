using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.Szamlahegy;
using OrleansShop.Tests.TestingHost;

namespace OrleansShop.Tests.Grains.Domain.Invoicing;

/// <summary>A shop that invoices, its orders as webhooks, and reading the order view and the sandbox invoicer.</summary>
internal static class InvoicingTesting
{
    public const string Email = "Kovacs.Janos+shop@example.hu";
    public const string CallbackSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    public static object Shop(string issueOn = "paid", string? callbackUrl = null, string apiKey = FakeSzamlahegy.ApiKey, bool enabled = true) => new
    {
        name = "Invoicing shop",
        webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
        invoicing = new { enabled, issueOn, callbackUrl, callbackSecret = callbackUrl is null ? null : CallbackSecret },
        invoicingProvider = new { apiKey },
    };

    /// <summary>Two mugs at 5000 HUF gross and 2000 HUF of shipping in the total, billed to a Hungarian address.</summary>
    public static string Created(string orderId, string paymentMethod = "card", string total = "12000.00") =>
        JsonSerializer.Serialize(new
        {
            type = "order.created",
            data = new
            {
                orderId,
                reference = $"R-{orderId}",
                email = Email,
                customerName = "Kovács János",
                paymentMethod,
                total = new { amount = total, currency = "HUF" },
                lines = new[] { new { sku = "MUG-1", name = "Bögre", quantity = 2, unitPrice = "5000.00", vatRate = "27" } },
                billingAddress = new { name = "Kovács János", line1 = "Szigligeti utca 10.", city = "Fonyód", postalCode = "8640", countryCode = "HU" },
            },
        });

    public static async Task<(HttpClient Admin, HttpClient Shop, SignedPoster Post)> ShopAsync(TestSilo silo, string shopId, object shop)
    {
        var admin = silo.CreateClient();
        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", shop);
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString();
        return (admin, silo.CreateClient(key), new SignedPoster(silo.CreateClient(bearer: null), shopId, SignedPoster.StandardSecret));
    }

    public static async Task<JsonElement> InvoiceAsync(HttpClient shop, string shopId, string orderId) =>
        (await shop.GetFromJsonAsync<JsonElement>($"/v1/shops/{shopId}/orders/{orderId}")).GetProperty("invoice");

    public static async Task<string?> InvoiceStatusAsync(HttpClient shop, string shopId, string orderId) =>
        (await InvoiceAsync(shop, shopId, orderId)).GetProperty("status").GetString();

    public static async Task<IReadOnlyList<JsonElement>> SandboxAsync(HttpClient admin, string shopId) =>
        [.. (await admin.GetFromJsonAsync<JsonElement>($"/v1/sandbox/invoices?shopId={shopId}")).EnumerateArray()];

    public static Task UntilAsync(Func<Task<bool>> condition, string what) => Eventually.TrueAsync(condition, what);
}
