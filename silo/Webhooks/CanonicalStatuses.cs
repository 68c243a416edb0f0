namespace OrleansShop.Silo.Webhooks;

/// <summary>The canonical order statuses an <see cref="OrderStatusChanged"/> may carry (docs/http-api.md, Webhooks).</summary>
internal static class CanonicalStatuses
{
    public const string Paid = "paid";
    public const string Shipped = "shipped";
    public const string Closed = "closed";
    public const string ClosedPaid = "closed_paid";
    public const string NotCollected = "not_collected";
    public const string Cancelled = "cancelled";
}
