using OrleansShop.Effects;
using OrleansShop.Grains.Platforms;
using OrleansShop.Silo.Providers.Platforms.Ideasoft;
using OrleansShop.Silo.Providers.Platforms.Shopify;
using OrleansShop.Silo.Providers.Platforms.WooCommerce;

namespace OrleansShop.Silo.Providers.Platforms;

/// <summary>
/// The platform's admin API, by <see cref="PlatformAccount.Platform"/>: Shopify's GraphQL API,
/// WooCommerce's REST API or Ideasoft's admin API, each reading the order before it writes. An
/// account it cannot use (an unknown platform, no usable store address, a missing secret) is
/// permanent, and the reason names the <c>platformApi</c> field to set; it never repeats a secret.
/// </summary>
internal sealed class LivePlatformWriter(ShopifyAdminClient shopify, WooCommerceClient wooCommerce, IdeasoftClient ideasoft) : IPlatformWriter
{
    public Task<DeliveryOutcome> WriteAsync(PlatformAccount account, PlatformUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(update);
        var platform = account.Platform;
        if (platform is not (PlatformNames.Shopify or PlatformNames.WooCommerce or PlatformNames.Ideasoft))
        {
            return Refused($"Shop '{update.ShopId}' has platform '{platform}', which cannot be written back: webhooks.profile must be shopify, woocommerce or ideasoft.");
        }

        if (!ProviderAddress.IsWeb(account.StoreUrl))
        {
            return Refused(account.StoreUrl is null
                ? $"Shop '{update.ShopId}' has no store address for {platform}: set platformApi.storeUrl."
                : $"Shop '{update.ShopId}' has an unusable store address for {platform}: platformApi.storeUrl {ProviderAddress.Requirement}");
        }

        var store = account.StoreUrl!;
        switch (platform)
        {
            case PlatformNames.Shopify:
                return Blank(account.AccessToken)
                    ? Refused($"Shop '{update.ShopId}' has no Shopify Admin API access token: set platformApi.accessToken.")
                    : shopify.WriteAsync(store, account.AccessToken!, update, cancellationToken);
            case PlatformNames.WooCommerce:
                string[] missing = [.. new[] { ("consumerKey", account.ConsumerKey), ("consumerSecret", account.ConsumerSecret) }.Where(f => Blank(f.Item2)).Select(f => $"platformApi.{f.Item1}")];
                return missing.Length > 0
                    ? Refused($"Shop '{update.ShopId}' lacks WooCommerce REST API credentials: set {string.Join(" and ", missing)}.")
                    : wooCommerce.WriteAsync(store, account.ConsumerKey!, account.ConsumerSecret!, update, cancellationToken);
            default:
                return Blank(account.AccessToken)
                    ? Refused($"Shop '{update.ShopId}' has no Ideasoft access token: set platformApi.accessToken.")
                    : ideasoft.WriteAsync(store, account.AccessToken!, update, cancellationToken);
        }
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    private static Task<DeliveryOutcome> Refused(string reason) => Task.FromResult(DeliveryOutcome.Permanent(reason));
}
