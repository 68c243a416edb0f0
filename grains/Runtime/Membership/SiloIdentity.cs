namespace OrleansShop.Runtime.Membership;

/// <summary>Who this silo is in the membership table. The address is known once the web server has bound.</summary>
public sealed class SiloIdentity
{
    public SiloIdentity(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        HostName = Environment.MachineName;
        SiloId = $"{HostName}-{Guid.NewGuid():N}"[..Math.Min(HostName.Length + 13, 64)];
        StartedAt = timeProvider.GetUtcNow();
    }

    public string SiloId { get; }

    public string HostName { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The URL other processes reach this silo at, once the web server has bound.</summary>
    public string? Address => ResolveAddress?.Invoke();

    /// <summary>True once a graceful stop has begun: the silo has left the membership table and is draining.</summary>
    public bool IsLeaving { get; internal set; }

    /// <summary>Set by the host: reads the bound address (a port of 0 is known only after binding).</summary>
    public Func<string?>? ResolveAddress { get; set; }
}
