using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Providers.Szamlahegy;

/// <summary>How the Számlahegy client calls the provider. Section <c>Invoicing:Szamlahegy</c>.</summary>
public sealed class SzamlahegyOptions
{
    public const string SectionName = "Invoicing:Szamlahegy";

    /// <summary>The API root. Default <c>https://ugyfel.szamlahegy.hu/</c>; a path prefix is kept.</summary>
    public Uri BaseAddress { get; set; } = SzamlahegyCredentials.DefaultBaseAddress;

    /// <summary>
    /// The longest one invoice call may take; past it the call is <see cref="SzamlahegyOutcome.Retryable"/>.
    /// Default 15 seconds, half the outbox dispatcher's 30-second delivery timeout.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest answer read; a bigger one is unreadable (retryable). Default 64 KiB; real answers are a few hundred bytes.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;
}

internal sealed class SzamlahegyOptionsValidator : IValidateOptions<SzamlahegyOptions>
{
    public ValidateOptionsResult Validate(string? name, SzamlahegyOptions options) =>
        !ProviderAddress.IsWeb(options.BaseAddress) ? ValidateOptionsResult.Fail($"{SzamlahegyOptions.SectionName}:BaseAddress {ProviderAddress.Requirement}")
        : options.Timeout <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{SzamlahegyOptions.SectionName}:Timeout must be positive.")
        : options.MaxResponseBytes < 1024 ? ValidateOptionsResult.Fail($"{SzamlahegyOptions.SectionName}:MaxResponseBytes must be at least 1024.")
        : ValidateOptionsResult.Success;
}
