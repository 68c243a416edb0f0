namespace OrleansShop.Connectors.UtanvetEllenor;

/// <summary>How the Utánvét Ellenőr client calls the provider. Bound from configuration by whoever registers the client.</summary>
public sealed class UtanvetEllenorOptions
{
    /// <summary>
    /// The longest a reputation request may take; past it the call is <see cref="UtanvetEllenorOutcome.Retryable"/>.
    /// Default 3 seconds: a buyer waits at checkout, and the caller fails open rather than keep them.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The longest a signal may take; past it the call is <see cref="UtanvetEllenorOutcome.Retryable"/>.
    /// Default 15 seconds, half the outbox dispatcher's 30-second delivery timeout.
    /// </summary>
    public TimeSpan SignalTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest answer read; a bigger one is unreadable (retryable). Default 64 KiB; real answers are a few hundred bytes.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    public static string? Validate(UtanvetEllenorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RequestTimeout <= TimeSpan.Zero ? "UtanvetEllenor RequestTimeout must be positive."
            : options.SignalTimeout <= TimeSpan.Zero ? "UtanvetEllenor SignalTimeout must be positive."
            : options.MaxResponseBytes < 1024 ? "UtanvetEllenor MaxResponseBytes must be at least 1024."
            : null;
    }
}
