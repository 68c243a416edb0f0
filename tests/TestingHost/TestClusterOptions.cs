namespace OrleansShop.Tests.TestingHost;

public sealed class TestClusterOptions
{
    /// <summary>The PostgreSQL database every silo of the cluster shares.</summary>
    public required string ConnectionString { get; init; }

    public int InitialSilos { get; init; } = 2;

    /// <summary>Grains, connectors and shared recorders: runs once for every silo's container.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Configuration for every silo, over the fast test defaults.</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>A clock for every silo (a FakeTimeProvider in collection tests).</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>
    /// Short intervals so that leases expire, retries happen and heartbeats go stale within a test.
    /// </summary>
    public static Dictionary<string, string?> FastDefaults() => new()
    {
        ["Storage:Provider"] = "postgres",
        ["Providers:Mode"] = "sandbox",
        ["Cluster:ServiceId"] = "test",
        ["Admin:Token"] = TestSilo.AdminToken,
        ["Sms:InboundToken"] = "test-sms-token",
        ["Reputation:Pepper"] = Convert.ToBase64String(new byte[32]),
        ["Privacy:Sealing:Keys:1"] = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()),
        ["Dispatcher:PollInterval"] = "00:00:00.100",
        ["Dispatcher:Lease"] = "00:00:03",
        ["Dispatcher:DeliveryTimeout"] = "00:00:02",
        ["Dispatcher:BaseDelay"] = "00:00:00.050",
        ["Dispatcher:MaxDelay"] = "00:00:00.200",
        ["Dispatcher:MaxAttempts"] = "4",
        ["Membership:HeartbeatInterval"] = "00:00:00.250",
        ["Membership:DeadAfter"] = "00:00:01.500",
        ["Runtime:MinimumReminderPeriod"] = "00:00:00.500",
        ["Runtime:DrainTimeout"] = "00:00:10",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:OrleansShop.Runtime.Calls.GrainRuntime"] = "Error",
        ["Logging:LogLevel:OrleansShop.Runtime.Outbox.OutboxDispatcher"] = "Error",
        ["Logging:LogLevel:OrleansShop.Runtime.Membership.MembershipAgent"] = "Error",
    };
}
