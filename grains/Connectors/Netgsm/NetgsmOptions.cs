namespace OrleansShop.Connectors.Netgsm;

/// <summary>How the Netgsm client calls Netgsm. Bound from configuration by whoever registers the client.</summary>
public sealed class NetgsmOptions
{
    /// <summary>
    /// The longest one call may take, from connecting to the last byte of the answer; past it the call
    /// is <see cref="NetgsmOutcome.Retryable"/>. Default 15 seconds, half the dispatcher's 30-second delivery timeout.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest answer read; a bigger one is unreadable (retryable). Default 1 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 1 << 20;

    public static string? Validate(NetgsmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Timeout <= TimeSpan.Zero ? "Netgsm Timeout must be positive."
            : options.MaxResponseBytes < 1024 ? "Netgsm MaxResponseBytes must be at least 1024."
            : null;
    }
}
