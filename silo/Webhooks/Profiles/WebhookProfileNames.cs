namespace OrleansShop.Silo.Webhooks.Profiles;

/// <summary>The names a shop's <c>webhooks.profile</c> may take (docs/http-api.md, Shops).</summary>
internal static class WebhookProfileNames
{
    public const string Standard = "standard";
    public const string Shopify = "shopify";
    public const string WooCommerce = "woocommerce";
    public const string Ideasoft = "ideasoft";
}
