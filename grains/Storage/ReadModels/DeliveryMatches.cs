namespace OrleansShop.Storage;

/// <summary>How many deliveries match a <see cref="DeliveryFilter"/>, and the highest id among them (null when none does).</summary>
public sealed record DeliveryMatches(long Count, long? LastId);
