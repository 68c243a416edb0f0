using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>Where and how the Trusted Shops clients call. Section <c>TrustedShops</c>.</summary>
public sealed class TrustedShopsOptions
{
    public const string SectionName = "TrustedShops";

    /// <summary>eTrusted's OAuth2 server; default <c>https://login.etrusted.com/</c>. A path prefix is kept.</summary>
    public Uri LoginAddress { get; set; } = new("https://login.etrusted.com/");

    /// <summary>eTrusted's API; default <c>https://api.etrusted.com/</c>.</summary>
    public Uri ApiAddress { get; set; } = new("https://api.etrusted.com/");

    /// <summary>The audience a token is asked for; default <c>https://api.etrusted.com</c>.</summary>
    public string Audience { get; set; } = "https://api.etrusted.com";

    /// <summary>
    /// The buyer-protection web service (SOAP <c>ApplicationRequestService</c>, <c>requestForProtectionV2</c>); default
    /// <c>https://protection.trustedshops.com/ts/protectionservices/ApplicationRequestService</c>, where every public
    /// client calls it (www.trustedshops.de hosts only the admin service). Trusted Shops' test system is
    /// <c>https://protection-qa.trustedshops.com/ts/protectionservices/ApplicationRequestService</c>.
    /// </summary>
    public Uri ProtectionAddress { get; set; } = new("https://protection.trustedshops.com/ts/protectionservices/ApplicationRequestService");

    /// <summary>
    /// The administration web service (SOAP <c>TsProtection</c>: <c>checkCertificate</c>, <c>checkLogin</c>,
    /// <c>getProtectionItems</c>), asked when a shop's reviews settings are saved; default
    /// <c>https://www.trustedshops.de/ts/services/TsProtection</c>. Trusted Shops' test system is
    /// <c>https://qa.trustedshops.de/ts/services/TsProtection</c>.
    /// </summary>
    public Uri AdminAddress { get; set; } = new("https://www.trustedshops.de/ts/services/TsProtection");

    /// <summary>
    /// The longest one round trip may take; past it the call is <see cref="TrustedShopsOutcome.Retryable"/>.
    /// Default 10 seconds: a token and an event fit in the dispatcher's 30-second delivery timeout.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A token is renewed this long before eTrusted says it expires, so it never expires in flight. Default 30 seconds.</summary>
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest answer read; a bigger one is unreadable (retryable). Default 64 KiB.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    internal static Uri Endpoint(Uri root, string path) => new($"{root.AbsoluteUri.TrimEnd('/')}/{path}");
}

internal sealed class TrustedShopsOptionsValidator : IValidateOptions<TrustedShopsOptions>
{
    private const string Section = TrustedShopsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TrustedShopsOptions options) =>
        !ProviderAddress.IsWeb(options.LoginAddress) ? ValidateOptionsResult.Fail($"{Section}:LoginAddress {ProviderAddress.Requirement}")
        : !ProviderAddress.IsWeb(options.ApiAddress) ? ValidateOptionsResult.Fail($"{Section}:ApiAddress {ProviderAddress.Requirement}")
        : !ProviderAddress.IsWeb(options.ProtectionAddress) ? ValidateOptionsResult.Fail($"{Section}:ProtectionAddress {ProviderAddress.Requirement}")
        : !ProviderAddress.IsWeb(options.AdminAddress) ? ValidateOptionsResult.Fail($"{Section}:AdminAddress {ProviderAddress.Requirement}")
        : string.IsNullOrWhiteSpace(options.Audience) ? ValidateOptionsResult.Fail($"{Section}:Audience is required.")
        : options.Timeout <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{Section}:Timeout must be positive.")
        : options.TokenRenewalMargin < TimeSpan.Zero ? ValidateOptionsResult.Fail($"{Section}:TokenRenewalMargin must not be negative.")
        : options.MaxResponseBytes < 1024 ? ValidateOptionsResult.Fail($"{Section}:MaxResponseBytes must be at least 1024.")
        : ValidateOptionsResult.Success;
}
