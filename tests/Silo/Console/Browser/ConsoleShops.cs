using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.TestingHost;

namespace OrleansShop.Tests.Silo.Console.Browser;

/// <summary>Shops and orders for the console's tests, made through the API as a platform would, and signing in through the form.</summary>
internal static class ConsoleShops
{
    public const string BuyerEmail = "Reka.Szabo+console@example.hu";

    /// <summary>A shop that takes cash on delivery from buyers collecting at least 80 % of their parcels, and invoices when paid.</summary>
    public static object Shop(string name) => new
    {
        name,
        webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
        reputation = new { thresholdPercent = 80, blockCodBelowThreshold = true },
        invoicing = new { enabled = true, issueOn = "paid" },
    };

    /// <returns>The shop's API key.</returns>
    public static async Task<string> CreateAsync(TestSilo silo, string shopId, object? shop = null)
    {
        using var admin = silo.CreateClient();
        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", shop ?? Shop($"Console shop {shopId}"));
        created.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString()!;
    }

    public static SignedPoster Poster(TestSilo silo, string shopId) => new(silo.CreateClient(bearer: null), shopId, SignedPoster.StandardSecret);

    public static async Task SendAsync(SignedPoster poster, string body)
    {
        using var response = await poster.StandardAsync(body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Gives <paramref name="email"/> (<see cref="BuyerEmail"/> by default) a record: <paramref name="collected"/> parcels collected and <paramref name="notCollected"/> not, as the network counts them.</summary>
    public static async Task BuyerHistoryAsync(TestSilo silo, string shopId, string key, int collected, int notCollected, string email = BuyerEmail)
    {
        var poster = Poster(silo, shopId);
        for (var i = 0; i < collected + notCollected; i++)
        {
            var orderId = $"history-{i}";
            await SendAsync(poster, SignedPoster.Created(orderId, email: email));
            await SendAsync(poster, SignedPoster.Status(orderId, i < collected ? "paid" : "not_collected"));
        }

        using var shop = silo.CreateClient(key);
        await Eventually.TrueAsync(
            async () =>
            {
                var answer = await (await shop.PostAsJsonAsync($"/v1/shops/{shopId}/cod-eligibility", new { email })).Content.ReadFromJsonAsync<JsonElement>();
                var reputation = answer.GetProperty("reputation");
                return reputation.GetProperty("collected").GetInt32() == collected && reputation.GetProperty("notCollected").GetInt32() == notCollected;
            },
            $"the network counts {collected} collected and {notCollected} not collected");
    }

    public static async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync("/console");
        await page.Locator("#key").FillAsync(key);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }
}
