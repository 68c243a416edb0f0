namespace OrleansShop.Storage;

/// <summary>
/// One delivery a shop's address received, as metadata: never its body. <see cref="Outcome"/> is
/// the event's (<c>applied</c>, <c>ignored</c>, <c>rejected</c>, <c>deferred</c>, <c>duplicate</c>)
/// or <c>refused</c>, with the <see cref="Reason"/> of the refusal.
/// </summary>
public sealed record WebhookReceipt(
    long Id, string ShopId, string Profile, string? EventId, DateTimeOffset ReceivedAt, int Status, string Outcome, string? Reason, long Size, double LatencyMs);
