using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Hosting;

/// <summary>
/// How this silo shows itself to gateways. Section <c>Membership</c>. Orleans' own failure
/// detection is tuned in section <c>Orleans:Membership</c> (<c>ClusterMembershipOptions</c>).
/// </summary>
public sealed class MembershipOptions
{
    public const string SectionName = "Membership";

    /// <summary>
    /// How long a stopping silo keeps serving while it answers <c>/readyz</c> with 503, so gateways
    /// stop routing to it before it leaves the cluster. Default 3 seconds.
    /// </summary>
    public TimeSpan LeaveDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The URL gateways reach this silo at, when it differs from the one it binds (a container that
    /// listens on <c>http://0.0.0.0:8080</c> and is reached as <c>http://silo1:8080</c>). Default: the first bound URL.
    /// </summary>
    public string? AdvertisedAddress { get; set; }
}

internal sealed class MembershipOptionsValidator : IValidateOptions<MembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, MembershipOptions options) =>
        options.LeaveDelay < TimeSpan.Zero ? ValidateOptionsResult.Fail("Membership:LeaveDelay must not be negative.")
        : options.AdvertisedAddress is { } address && !(Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? ValidateOptionsResult.Fail("Membership:AdvertisedAddress must be an absolute http or https URL.")
        : ValidateOptionsResult.Success;
}
