namespace OrleansShop.Gateway.Routing;

/// <summary>
/// What a request is about, for affinity. An order's routes (<c>/v1/shops/{s}/orders/{o}…</c>) use
/// the order's grain key, so its reads meet the order's warm activation; a shop's other routes
/// (its webhooks, checkout, configuration) share the shop's key; the console's pages of a shop or an
/// order use the same keys, so a merchant's pages meet the same activations. Other routes use their path.
/// </summary>
internal static class RoutingKey
{
    public static string From(PathString path) => Segments(path) switch
    {
        ["v1", "shops", var shopId, "orders", var orderId, ..] => $"order/{shopId}/{orderId}",
        ["v1", "shops", var shopId, ..] => $"shop/{shopId}",
        ["console", "shops", var shopId, "orders", var orderId, ..] => $"order/{shopId}/{orderId}",
        ["console", "shops", var shopId, ..] => $"shop/{shopId}",
        _ => path.Value ?? "/",
    };

    /// <summary>The shop a request belongs to, or null for routes of no shop (admin, inbound SMS, sandbox).</summary>
    public static string? ShopOf(PathString path) => Segments(path) is ["v1", "shops", var shopId, ..] ? shopId : null;

    private static string[] Segments(PathString path) => (path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
}
