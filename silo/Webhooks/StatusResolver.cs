using OrleansShop.Grains.Orders;

namespace OrleansShop.Silo.Webhooks;

/// <summary>A status as a platform writes it → a trigger: the shop's status map first, then the canonical names.</summary>
internal static class StatusResolver
{
    public static OrderTrigger? Resolve(string status, IReadOnlyDictionary<string, string> statusMap)
    {
        var mapped = statusMap.TryGetValue(status, out var exact) ? exact
            : statusMap.FirstOrDefault(e => string.Equals(e.Key, status.Trim(), StringComparison.OrdinalIgnoreCase)).Value;
        return Canonical(mapped ?? status.Trim());
    }

    private static OrderTrigger? Canonical(string status) => status switch
    {
        "paid" => OrderTrigger.Paid,
        "shipped" => OrderTrigger.Shipped,
        "closed" => OrderTrigger.Closed,
        "closed_paid" => OrderTrigger.ClosedPaid,
        "not_collected" => OrderTrigger.NotCollected,
        "cancelled" => OrderTrigger.Cancelled,
        _ => null,
    };
}
