using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>The upstream reputation provider, Utánvét Ellenőr. Section <c>Reputation:Upstream</c>.</summary>
public sealed class UtanvetEllenorOptions
{
    public const string SectionName = "Reputation:Upstream";

    /// <summary>The provider's API root. Default <c>https://utanvet-ellenor.hu/</c>.</summary>
    public Uri BaseAddress { get; set; } = UtanvetEllenorCredentials.DefaultBaseAddress;

    /// <summary>
    /// How long an answer about an address is reused for the same shop before the provider is asked
    /// again. Default 1 hour: every lookup there counts against the shop's quota, and a buyer's
    /// record changes by a parcel or two a week.
    /// </summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromHours(1);

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
}

internal sealed class UtanvetEllenorOptionsValidator : IValidateOptions<UtanvetEllenorOptions>
{
    private const string Section = UtanvetEllenorOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, UtanvetEllenorOptions options) =>
        !ProviderAddress.IsWeb(options.BaseAddress) ? ValidateOptionsResult.Fail($"{Section}:BaseAddress {ProviderAddress.Requirement}")
        : options.CacheTtl <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{Section}:CacheTtl must be positive.")
        : options.RequestTimeout <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{Section}:RequestTimeout must be positive.")
        : options.SignalTimeout <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{Section}:SignalTimeout must be positive.")
        : options.MaxResponseBytes < 1024 ? ValidateOptionsResult.Fail($"{Section}:MaxResponseBytes must be at least 1024.")
        : ValidateOptionsResult.Success;
}
