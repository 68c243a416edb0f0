namespace OrleansShop.Connectors.Szamlahegy;

/// <summary>How the Számlahegy client calls the provider. Section <c>Invoicing:Szamlahegy</c>.</summary>
public sealed class SzamlahegyOptions
{
    /// <summary>The API root; <see cref="SzamlahegyCredentials.DefaultBaseAddress"/> unless set (tests point it at a local server).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// The longest one invoice call may take; past it the call is <see cref="SzamlahegyOutcome.Retryable"/>.
    /// Default 15 seconds, half the outbox dispatcher's 30-second delivery timeout.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest answer read; a bigger one is unreadable (retryable). Default 64 KiB; real answers are a few hundred bytes.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    public static string? Validate(SzamlahegyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.BaseAddress is { } address && address is not { IsAbsoluteUri: true, Scheme: "https" or "http", Query: "" }
            ? "Invoicing:Szamlahegy:BaseAddress must be an absolute http(s) address without a query."
            : options.Timeout <= TimeSpan.Zero ? "Invoicing:Szamlahegy:Timeout must be positive."
            : options.MaxResponseBytes < 1024 ? "Invoicing:Szamlahegy:MaxResponseBytes must be at least 1024."
            : null;
    }
}
