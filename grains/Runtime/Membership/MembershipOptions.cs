namespace OrleansShop.Runtime.Hosting;

/// <summary>Heartbeats of the membership table. Section <c>Membership</c>.</summary>
public sealed class MembershipOptions
{
    /// <summary>How often a silo heartbeats. Default 5 seconds.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A silo whose heartbeat is older than this is dead for routing. Default 15 seconds.</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Rows of silos silent for this long are removed. Default 1 day.</summary>
    public TimeSpan RetainDeadSilos { get; set; } = TimeSpan.FromDays(1);

    internal static string? Validate(MembershipOptions o) =>
        o.HeartbeatInterval <= TimeSpan.Zero ? "Membership:HeartbeatInterval must be positive."
        : o.DeadAfter <= o.HeartbeatInterval ? "Membership:DeadAfter must be longer than Membership:HeartbeatInterval."
        : o.RetainDeadSilos <= o.DeadAfter ? "Membership:RetainDeadSilos must be longer than Membership:DeadAfter."
        : null;
}
