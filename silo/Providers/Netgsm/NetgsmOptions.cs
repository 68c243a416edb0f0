using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>How the Netgsm client calls Netgsm. Section <c>Sms:Netgsm</c>.</summary>
public sealed class NetgsmOptions
{
    public const string SectionName = "Sms:Netgsm";

    /// <summary>Netgsm's API root. Default <c>https://api.netgsm.com.tr/</c>; a path prefix is kept.</summary>
    public Uri BaseAddress { get; set; } = NetgsmCredentials.DefaultBaseAddress;

    /// <summary>
    /// The longest one call may take, from connecting to the last byte of the answer; past it the call
    /// is <see cref="NetgsmOutcome.Retryable"/>. Default 15 seconds, half the dispatcher's 30-second delivery timeout.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest answer read; a bigger one is unreadable (retryable). Default 1 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 1 << 20;
}

internal sealed class NetgsmOptionsValidator : IValidateOptions<NetgsmOptions>
{
    public ValidateOptionsResult Validate(string? name, NetgsmOptions options) =>
        !ProviderAddress.IsWeb(options.BaseAddress) ? ValidateOptionsResult.Fail($"{NetgsmOptions.SectionName}:BaseAddress {ProviderAddress.Requirement}")
        : options.Timeout <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{NetgsmOptions.SectionName}:Timeout must be positive.")
        : options.MaxResponseBytes < 1024 ? ValidateOptionsResult.Fail($"{NetgsmOptions.SectionName}:MaxResponseBytes must be at least 1024.")
        : ValidateOptionsResult.Success;
}
