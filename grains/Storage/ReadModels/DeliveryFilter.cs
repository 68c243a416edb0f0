namespace OrleansShop.Storage;

/// <summary>Which deliveries a listing, a count or a bulk replay is about.</summary>
/// <param name="State">One of <see cref="DeliveryStates"/>.</param>
/// <param name="ShopId">Only the deliveries of this shop's grains (those keyed by the shop, or by <c>{shopId}/…</c>).</param>
/// <param name="TargetType">Only the deliveries to this target (a grain type or a connector).</param>
/// <param name="CreatedFrom">Only the deliveries the grain created at or after this time.</param>
/// <param name="CreatedBefore">Only the deliveries the grain created before this time.</param>
/// <param name="ThroughId">Only the deliveries with an id up to this one: a bulk operation's snapshot of what matched when it was counted.</param>
public sealed record DeliveryFilter(
    string State,
    string? ShopId = null,
    string? TargetType = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedBefore = null,
    long? ThroughId = null);
