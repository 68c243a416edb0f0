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
    string EffectId);
