namespace OrleansShop.Storage;

/// <summary>
/// A delivery as its owning grain reports it. <paramref name="Revision"/> is the grain's: the write
/// applies only over an older one. <paramref name="State"/> is one of <see cref="DeliveryStates"/>,
/// <paramref name="Kind"/> one of <see cref="DeliveryKinds"/>.
/// </summary>
public sealed record DeliveryWrite(
    string OwnerType,
    string OwnerKey,
    string EffectId,
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
    long Revision);
