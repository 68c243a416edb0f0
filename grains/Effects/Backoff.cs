namespace OrleansShop.Effects;

/// <summary>Exponential backoff with jitter, so retries of many effects do not arrive in waves.</summary>
internal static class Backoff
{
    /// <summary>
    /// The delay after failed attempt <paramref name="attempt"/> (1-based): base × 2^(attempt−1),
    /// capped, then scaled by a random factor in [0.5, 1).
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ceiling = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (random.NextDouble() / 2)));
    }
}
