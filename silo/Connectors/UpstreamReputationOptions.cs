using OrleansShop.Connectors.UtanvetEllenor;

namespace OrleansShop.Silo.Connectors;

/// <summary>The upstream reputation provider, Utánvét Ellenőr. Section <c>Reputation:Upstream</c>.</summary>
public sealed class UpstreamReputationOptions
{
    public const string Section = "Reputation:Upstream";

    /// <summary>
    /// How long an answer about an address is reused for the same shop before the provider is asked
    /// again. Default 1 hour: every lookup there counts against the shop's quota, and a buyer's
    /// record changes by a parcel or two a week.
    /// </summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The provider's API root. Default <c>https://utanvet-ellenor.hu/</c>.</summary>
    public Uri BaseAddress { get; set; } = UtanvetEllenorCredentials.DefaultBaseAddress;

    /// <summary>The longest a checkout lookup waits before failing open. Default 3 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest a signal may take before it is retried. Default 15 seconds.</summary>
    public TimeSpan SignalTimeout { get; set; } = TimeSpan.FromSeconds(15);

    internal static string? Validate(UpstreamReputationOptions options) =>
        options.CacheTtl <= TimeSpan.Zero ? "Reputation:Upstream:CacheTtl must be positive."
        : !options.BaseAddress.IsAbsoluteUri ? "Reputation:Upstream:BaseAddress must be an absolute URL."
        : UtanvetEllenorOptions.Validate(options.Client()) is { } problem ? $"Reputation:Upstream: {problem}"
        : null;

    internal UtanvetEllenorOptions Client() => new() { RequestTimeout = RequestTimeout, SignalTimeout = SignalTimeout };
}
