namespace OrleansShop.Connectors.Yurtici;

/// <summary>How the Yurtiçi client calls Yurtiçi. Bound from configuration by whoever registers the client.</summary>
public sealed class YurticiOptions
{
    /// <summary>
    /// The longest one call may take; past it the call is <see cref="YurticiOutcome.Retryable"/> (and a
    /// retried <c>createShipment</c> meets error 60020 if the first one did arrive). Default 15 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest answer read; a bigger one is unreadable (retryable). Default 1 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 1 << 20;

    public static string? Validate(YurticiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Timeout <= TimeSpan.Zero ? "Yurtiçi Timeout must be positive."
            : options.MaxResponseBytes < 1024 ? "Yurtiçi MaxResponseBytes must be at least 1024."
            : null;
    }
}
