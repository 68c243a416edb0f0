namespace OrleansShop.Effects;

/// <summary>The answer of a delivery that runs at most once per inbox key; a repeat gets the original with <see cref="Duplicate"/> set.</summary>
/// <remarks>Immutable for Orleans: passed by reference between grains of one silo, not copied.</remarks>
[Immutable]
public sealed record InboxAnswer<T>(T Value, bool Duplicate);
