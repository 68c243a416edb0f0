namespace OrleansShop.Storage;

/// <summary>
/// A delivery as operators see it (<c>/v1/admin/deliveries</c>). Payloads are left out: they may hold
/// personal data. <see cref="OwnerType"/>, <see cref="OwnerKey"/> and <see cref="EffectId"/> name the
/// grain that owns it and the effect within that grain, which an operator's retry goes through.
/// </summary>
public sealed record DeliveryRecord(
    long Id,
    string Kind,
    string TargetType,
    string TargetKey,
    string Operation,
    string IdempotencyKey,
    string State,
    int Attempts,
    DateTimeOffset DueAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    string OwnerType,
    string OwnerKey,
    string EffectId)
{
    /// <summary>Whether a grain of <paramref name="shopId"/> owns it: one keyed by the shop, or by <c>{shopId}/…</c>, as <see cref="DeliveryFilter.ShopId"/> selects.</summary>
    public bool BelongsTo(string shopId)
    {
        ArgumentNullException.ThrowIfNull(shopId);
        return OwnerKey == shopId || (OwnerKey.Length > shopId.Length && OwnerKey.StartsWith(shopId, StringComparison.Ordinal) && OwnerKey[shopId.Length] == '/');
    }
}
