using System.Text.Json;
using OrleansShop.Grains.Platforms;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Endpoints.Shops;

namespace OrleansShop.Silo.Providers.Platforms;

/// <summary>
/// A shop's admin access to its platform, from its write-only <c>platformApi</c> credentials:
/// <c>{"storeUrl","accessToken"}</c> for Shopify and Ideasoft, <c>{"storeUrl","consumerKey","consumerSecret"}</c> for WooCommerce.
/// </summary>
internal static class PlatformCredentials
{
    public const string Section = "platformApi";

    /// <summary>The account of a shop's platform: its credentials when it has them; for the sandbox, which needs none, the platform alone.</summary>
    public static PlatformAccount AccountOf(ShopSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var platform = settings.Webhooks.Profile;
        if (!settings.Credentials.TryGetValue(Section, out var section))
        {
            return new PlatformAccount(platform, null);
        }

        var storeUrl = ShopCredentials.Read(section, "storeUrl") is { } url && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) ? parsed : null;
        return new PlatformAccount(platform, storeUrl, ShopCredentials.Read(section, "accessToken"), ShopCredentials.Read(section, "consumerKey"), ShopCredentials.Read(section, "consumerSecret"));
    }

    /// <summary>What is wrong with <paramref name="section"/> for <paramref name="platform"/>, naming the field; null when nothing is.</summary>
    public static (string Field, string Problem)? Problem(JsonElement section, string platform)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            return (Section, "platformApi is an object: {\"storeUrl\",\"accessToken\"} for Shopify and Ideasoft, {\"storeUrl\",\"consumerKey\",\"consumerSecret\"} for WooCommerce.");
        }

        if (!PlatformNames.Platforms.Contains(platform))
        {
            return (Section, $"platformApi is for a shop whose webhooks.profile is {string.Join(", ", PlatformNames.Platforms)}, not '{platform}'.");
        }

        if (ShopCredentials.Read(section, "storeUrl") is not { } url || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var storeUrl) || !ProviderAddress.IsWeb(storeUrl) || url.Length > 300)
        {
            return ("platformApi.storeUrl", $"platformApi.storeUrl is the store's address, e.g. https://demo.myshopify.com; it {ProviderAddress.Requirement}");
        }

        string[] required = platform == PlatformNames.WooCommerce ? ["consumerKey", "consumerSecret"] : ["accessToken"];
        foreach (var field in required)
        {
            if (ShopCredentials.Read(section, field) is not { Length: > 0 and <= 512 } value || string.IsNullOrWhiteSpace(value))
            {
                return ($"platformApi.{field}", $"platformApi.{field} is required for {platform}, at most 512 characters.");
            }
        }

        return null;
    }
}
