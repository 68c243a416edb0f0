using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Providers.Platforms;

/// <summary>How the platform write-back clients (Shopify, WooCommerce, Ideasoft) call the shops' admin APIs. Section <c>Platforms</c>.</summary>
public sealed class PlatformOptions
{
    public const string SectionName = "Platforms";

    /// <summary>
    /// The longest one HTTP call may take; past it the write is retried (it reads before it writes,
    /// so the retry finds what the lost call did). Default 10 seconds; a write-back makes up to four calls.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest answer read; a bigger one is unreadable (retryable). Default 256 KiB: a WooCommerce order with many lines runs to tens of KiB.</summary>
    public int MaxResponseBytes { get; set; } = 256 * 1024;

    /// <summary>Shopify's Admin API version in the GraphQL address (<c>/admin/api/{version}/graphql.json</c>). Default <c>2025-07</c>.</summary>
    public string ShopifyApiVersion { get; set; } = "2025-07";
}

internal sealed class PlatformOptionsValidator : IValidateOptions<PlatformOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformOptions options) =>
        options.Timeout <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{PlatformOptions.SectionName}:Timeout must be positive.")
        : options.MaxResponseBytes < 1024 ? ValidateOptionsResult.Fail($"{PlatformOptions.SectionName}:MaxResponseBytes must be at least 1024.")
        : !IsShopifyVersion(options.ShopifyApiVersion) ? ValidateOptionsResult.Fail($"{PlatformOptions.SectionName}:ShopifyApiVersion must be a Shopify API version: a quarter's release such as 2025-07, or unstable.")
        : ValidateOptionsResult.Success;

    /// <summary>Shopify releases a version a quarter, named by year and month: <c>YYYY-01</c>, <c>-04</c>, <c>-07</c>, <c>-10</c>.</summary>
    private static bool IsShopifyVersion(string? version) =>
        version == "unstable"
        || (version is { Length: 7 } && version[..4].All(char.IsAsciiDigit) && version[4] == '-' && version[5..] is "01" or "04" or "07" or "10");
}
