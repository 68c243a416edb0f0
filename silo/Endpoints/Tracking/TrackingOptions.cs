using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers;

namespace OrleansShop.Silo.Endpoints.Tracking;

/// <summary>The buyers' tracking pages. Section <c>Tracking</c>.</summary>
public sealed class TrackingOptions
{
    public const string SectionName = "Tracking";

    /// <summary>
    /// The public address the links in buyers' texts start with (the gateway's, in a cluster);
    /// default <c>http://127.0.0.1:5080/</c>, the embedded default's.
    /// </summary>
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:5080/");

    /// <summary>How long after an order ended (closed, not collected, cancelled) its page still answers. Default 30 days.</summary>
    public int DaysAfterEnd { get; set; } = 30;

    /// <summary>The page of the order whose token is <paramref name="token"/>.</summary>
    public Uri LinkFor(string token) => new($"{BaseAddress.AbsoluteUri.TrimEnd('/')}/t/{token}");
}

internal sealed class TrackingOptionsValidator : IValidateOptions<TrackingOptions>
{
    public ValidateOptionsResult Validate(string? name, TrackingOptions options) =>
        !ProviderAddress.IsWeb(options.BaseAddress) ? ValidateOptionsResult.Fail($"{TrackingOptions.SectionName}:BaseAddress {ProviderAddress.Requirement}")
        : options.DaysAfterEnd is < 1 or > 3650 ? ValidateOptionsResult.Fail($"{TrackingOptions.SectionName}:DaysAfterEnd must be between 1 and 3650.")
        : ValidateOptionsResult.Success;
}
