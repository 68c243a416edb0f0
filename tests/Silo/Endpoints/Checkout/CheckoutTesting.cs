using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Reputation;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.TestingHost;

namespace OrleansShop.Tests.Silo.Endpoints.Checkout;

/// <summary>Shops with a checkout snippet, and buyers with a record, for the checkout tests.</summary>
internal static class CheckoutTesting
{
    /// <summary>A shop that refuses cash on delivery below 80 % and takes the snippet's calls from <paramref name="origins"/>.</summary>
    public static object Shop(params string[] origins) => new
    {
        name = "Storefront shop",
        webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
        reputation = new { thresholdPercent = 80, blockCodBelowThreshold = true },
        sms = new { enabled = true },
        checkout = new { allowedOrigins = origins },
    };

    /// <returns>The shop's API key and its publishable key.</returns>
    public static async Task<(string ApiKey, string PublishableKey)> CreateAsync(TestSilo silo, string shopId, object? shop = null)
    {
        using var admin = silo.CreateClient();
        using var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", shop ?? Shop());
        created.EnsureSuccessStatusCode();
        var answer = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        return (answer.GetProperty("apiKey").GetString()!, answer.GetProperty("shop").GetProperty("checkout").GetProperty("publishableKey").GetString()!);
    }

    /// <summary>Gives <paramref name="email"/> a record in the network: <paramref name="collected"/> parcels collected and <paramref name="notCollected"/> not.</summary>
    public static async Task BuyerAsync(TestSilo silo, string email, int collected, int notCollected)
    {
        var hash = silo.Services.GetRequiredService<EmailPseudonymizer>().Pseudonymize(email).Hash;
        var buyer = silo.Grains.GetGrain<IBuyerReputationGrain>(hash);
        for (var i = 0; i < collected + notCollected; i++)
        {
            await buyer.RecordAsync(new Contribution("elsewhere", $"{email}-{i}", i < collected ? Outcome.Collected : Outcome.NotCollected, DateTimeOffset.UtcNow));
        }
    }

    public static HttpRequestMessage Eligibility(string shopId, string key, string email, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/shops/{shopId}/cod-eligibility") { Content = JsonContent.Create(new { email }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    public static HttpRequestMessage Preflight(string shopId, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, $"/v1/shops/{shopId}/cod-eligibility");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }
}
