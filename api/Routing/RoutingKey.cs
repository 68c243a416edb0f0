namespace OrleansShop.Gateway.Routing;

/// <summary>
/// What a request is about, for affinity: a shop's routes (its webhooks, orders, checkout) share
/// the shop's key, so one shop's events meet warm activations on one silo. Other routes use their path.
/// </summary>
internal static class RoutingKey
{
    public static string From(PathString path)
    {
        var segments = (path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["v1", "shops", var shopId, ..] ? $"shop/{shopId}" : path.Value ?? "/";
    }
}
