using Microsoft.Extensions.Options;

namespace OrleansShop.Gateway;

/// <summary>How the gateway finds, probes and limits the silos it fronts. Section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>How often the membership table is read. Default 2 seconds. Orleans' membership decides which silos are active.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Active health check: how often each silo's <c>/readyz</c> is probed. Default 2 seconds.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Active health check: a probe unanswered for this long failed (as long as a silo's own database ping may take). Default 2 seconds.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Active health check: failed probes in a row that make a silo unhealthy. Default 2.</summary>
    public int UnhealthyAfterProbes { get; set; } = 2;

    /// <summary>
    /// Passive health check: a silo whose forwards failed at the transport level (refused, reset)
    /// rests this long before it is tried again. Default 10 seconds.
    /// </summary>
    public TimeSpan ReactivationPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Per-shop rate limit of every <c>/v1/shops/{shopId}/…</c> route (section <c>Gateway:RateLimit</c>).</summary>
    public ShopRateLimitOptions RateLimit { get; set; } = new();
}

/// <summary>Section <c>Gateway:RateLimit</c>: a token bucket per shop.</summary>
public sealed class ShopRateLimitOptions
{
    /// <summary>Requests per second one shop may send on average. Default 200.</summary>
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests one shop may send at once after a quiet spell. Default 400.</summary>
    public int Burst { get; set; } = 400;
}

internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    private const string Section = GatewayOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, GatewayOptions options) =>
        options.RefreshInterval <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{Section}:RefreshInterval must be positive.")
        : options.ProbeInterval <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{Section}:ProbeInterval must be positive.")
        : options.ProbeTimeout <= TimeSpan.Zero || options.ProbeTimeout > options.ProbeInterval ? ValidateOptionsResult.Fail($"{Section}:ProbeTimeout must be positive and at most {Section}:ProbeInterval.")
        : options.UnhealthyAfterProbes < 1 ? ValidateOptionsResult.Fail($"{Section}:UnhealthyAfterProbes must be at least 1.")
        : options.ReactivationPeriod <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{Section}:ReactivationPeriod must be positive.")
        : options.RateLimit.PermitsPerSecond < 1 || options.RateLimit.Burst < 1 ? ValidateOptionsResult.Fail($"{Section}:RateLimit:PermitsPerSecond and {Section}:RateLimit:Burst must be at least 1.")
        : ValidateOptionsResult.Success;
}
