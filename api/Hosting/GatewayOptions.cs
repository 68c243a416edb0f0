namespace OrleansShop.Gateway;

/// <summary>Section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
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

    internal static string? Validate(GatewayOptions o) =>
        o.RefreshInterval <= TimeSpan.Zero ? "Gateway:RefreshInterval must be positive."
        : o.ProbeInterval <= TimeSpan.Zero ? "Gateway:ProbeInterval must be positive."
        : o.ProbeTimeout <= TimeSpan.Zero || o.ProbeTimeout > o.ProbeInterval ? "Gateway:ProbeTimeout must be positive and at most Gateway:ProbeInterval."
        : o.UnhealthyAfterProbes < 1 ? "Gateway:UnhealthyAfterProbes must be at least 1."
        : o.ReactivationPeriod <= TimeSpan.Zero ? "Gateway:ReactivationPeriod must be positive."
        : o.RateLimit.PermitsPerSecond < 1 || o.RateLimit.Burst < 1 ? "Gateway:RateLimit:PermitsPerSecond and Gateway:RateLimit:Burst must be at least 1."
        : null;
}

/// <summary>Section <c>Gateway:RateLimit</c>: a token bucket per shop.</summary>
public sealed class ShopRateLimitOptions
{
    /// <summary>Requests per second one shop may send on average. Default 200.</summary>
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests one shop may send at once after a quiet spell. Default 400.</summary>
    public int Burst { get; set; } = 400;
}
