namespace OrleansShop.Silo.Hosting;

/// <summary>Who this silo is: its Orleans address once the silo runs, the URL it serves HTTP at, whether it is leaving.</summary>
public sealed class SiloIdentity(TimeProvider timeProvider)
{
    public string HostName { get; } = Environment.MachineName;

    public DateTimeOffset StartedAt { get; } = timeProvider.GetUtcNow();

    /// <summary>Orleans' silo address (<c>ip:port@generation</c>) once the silo has started.</summary>
    public string SiloId => ResolveSiloId?.Invoke() ?? HostName;

    /// <summary>The URL other processes reach this silo at, once the web server has bound.</summary>
    public string? Address => ResolveAddress?.Invoke();

    /// <summary>True once a graceful stop has begun: readiness fails while in-flight requests drain.</summary>
    public bool IsLeaving { get; internal set; }

    internal Func<string?>? ResolveAddress { get; set; }

    internal Func<string?>? ResolveSiloId { get; set; }
}
