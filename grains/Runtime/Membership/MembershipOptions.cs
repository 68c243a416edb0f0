namespace OrleansShop.Runtime.Hosting;

/// <summary>Heartbeats of the membership table. Section <c>Membership</c>.</summary>
public sealed class MembershipOptions
{
    /// <summary>How often a silo heartbeats. Default 5 seconds.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A silo whose heartbeat is older than this is dead for routing. Default 15 seconds.</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a stopping silo keeps serving after it has marked itself as left (and answers
    /// <c>/readyz</c> with 503), so gateways stop routing to it before it stops listening. Skipped
    /// when no other silo is alive to take its requests. Default 3 seconds.
    /// </summary>
    public TimeSpan LeaveDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The URL gateways reach this silo at, when it differs from the one it binds (a container that
    /// listens on <c>http://0.0.0.0:8080</c> and is reached as <c>http://silo1:8080</c>). Default: the first bound URL.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Rows of silos silent for this long are removed. Default 1 day.</summary>
    public TimeSpan RetainDeadSilos { get; set; } = TimeSpan.FromDays(1);

    internal static string? Validate(MembershipOptions o) =>
        o.HeartbeatInterval <= TimeSpan.Zero ? "Membership:HeartbeatInterval must be positive."
        : o.DeadAfter <= o.HeartbeatInterval ? "Membership:DeadAfter must be longer than Membership:HeartbeatInterval."
        : o.LeaveDelay < TimeSpan.Zero ? "Membership:LeaveDelay must not be negative."
        : o.AdvertisedAddress is { } address && !(Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? "Membership:AdvertisedAddress must be an absolute http or https URL."
        : o.RetainDeadSilos <= o.DeadAfter ? "Membership:RetainDeadSilos must be longer than Membership:DeadAfter."
        : null;
}
