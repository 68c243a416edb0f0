using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Silo.Providers;
using OrleansShop.Silo.Providers.Platforms;

namespace OrleansShop.Tests.Silo.Providers.Platforms;

/// <summary>What the platform client tests share: one real <see cref="HttpClient"/>, options, an update, and reading what a write-back reports.</summary>
internal static class PlatformTesting
{
    public const string Note = "OrleansShop: the buyer confirmed cash on delivery by SMS (#1001, cod-confirmed)";

    public static HttpClient Http { get; } = new();

    public static IOptions<PlatformOptions> Options(TimeSpan? timeout = null, string shopifyApiVersion = FakeShopify.ApiVersion) =>
        Microsoft.Extensions.Options.Options.Create(new PlatformOptions { Timeout = timeout ?? TimeSpan.FromSeconds(10), ShopifyApiVersion = shopifyApiVersion });

    public static PlatformUpdate Update(string orderId = "1001", string[]? tags = null, string note = Note, string? status = null, bool cancel = false) =>
        new("demo", orderId, "1001", "cod-confirmed", tags ?? [], note, status, cancel);

    /// <summary>The <c>written</c> list of a delivered write-back; fails the test when it was not delivered.</summary>
    public static string[] Written(DeliveryOutcome outcome)
    {
        Assert.True(outcome.Status == DeliveryStatus.Delivered, $"expected delivered, was {outcome.Status}: {outcome.Error}");
        using var json = JsonDocument.Parse(outcome.Response!);
        return [.. json.RootElement.GetProperty("written").EnumerateArray().Select(e => e.GetString()!)];
    }

    public static void AssertPermanent(DeliveryOutcome outcome, string because)
    {
        Assert.True(outcome.Status == DeliveryStatus.Permanent, $"expected permanent, was {outcome.Status}: {outcome.Error ?? outcome.Response}");
        Assert.Contains(because, outcome.Error, StringComparison.Ordinal);
    }

    public static void AssertRetry(DeliveryOutcome outcome, string because)
    {
        Assert.True(outcome.Status == DeliveryStatus.Retry, $"expected retry, was {outcome.Status}: {outcome.Error ?? outcome.Response}");
        Assert.Contains(because, outcome.Error, StringComparison.Ordinal);
    }
}
