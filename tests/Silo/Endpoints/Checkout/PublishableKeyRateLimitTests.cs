using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Endpoints.Checkout;

/// <summary><c>Checkout:PermitsPerMinute</c> and <c>Checkout:Burst</c>: each publishable key's rate, answered 429 past it; the shop's own key is not limited by it.</summary>
public sealed class PublishableKeyRateLimitTests
{
    [Fact]
    public async Task A_publishable_key_past_its_burst_is_answered_429_with_retry_after_while_the_api_key_and_another_shop_are_not()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Checkout:PermitsPerMinute"] = "1", ["Checkout:Burst"] = "3" });
        var silo = scope.Cluster.Primary;
        var (apiKey, busyKey) = await CheckoutTesting.CreateAsync(silo, "rate-busy", CheckoutTesting.Shop("https://bolt.example"));
        var (_, quietKey) = await CheckoutTesting.CreateAsync(silo, "rate-quiet");
        using var http = silo.CreateClient(bearer: null);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await http.SendAsync(CheckoutTesting.Eligibility("rate-busy", busyKey, $"buyer{i}@example.com", "https://bolt.example")));
        }

        using var byApiKey = await http.SendAsync(CheckoutTesting.Eligibility("rate-busy", apiKey, "buyer@example.com"));
        using var quiet = await http.SendAsync(CheckoutTesting.Eligibility("rate-quiet", quietKey, "buyer@example.com"));

        // One a minute refills nothing within the test: the burst of three passes, the rest are refused.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        var limited = answers[3];
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/problems/rate-limited", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Equal("https://bolt.example", Assert.Single(limited.Headers.GetValues("Access-Control-Allow-Origin"))); // the page can read why
        Assert.Equal(HttpStatusCode.OK, byApiKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        answers.ForEach(a => a.Dispose());
    }
}
