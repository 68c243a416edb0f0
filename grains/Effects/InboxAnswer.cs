namespace OrleansShop.Effects;

/// <summary>The answer of a delivery that runs at most once per inbox key; a repeat gets the original with <see cref="Duplicate"/> set.</summary>
public sealed record InboxAnswer<T>(T Value, bool Duplicate);
