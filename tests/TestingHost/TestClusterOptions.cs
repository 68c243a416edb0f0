namespace OrleansShop.Tests.TestingHost;

public sealed class TestClusterOptions
{
    /// <summary>The PostgreSQL database every silo of the cluster shares.</summary>
    public required string ConnectionString { get; init; }

    public int InitialSilos { get; init; } = 2;

    /// <summary>Services for every silo's container (shared recorders, fake clocks).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Configuration for every silo, over the fast test defaults.</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>A clock for every silo's grains and reminders (a FakeTimeProvider where a test moves time); see <see cref="OrleansShop.Effects.ShopTime"/>.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>
    /// Short intervals so that retries happen, dead silos are found and reminders tick within a
    /// test. Production values are Orleans' defaults (see the README, "Configuration").
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
        ["Orleans:AdvertisedIP"] = "127.0.0.1",
        ["Dispatcher:DeliveryTimeout"] = "00:00:02",
        ["Dispatcher:BaseDelay"] = "00:00:00.050",
        ["Dispatcher:MaxDelay"] = "00:00:00.200",
        ["Dispatcher:MaxAttempts"] = "4",
        ["Dispatcher:RedriveInterval"] = "00:00:01",
        ["Dispatcher:SettleDelay"] = "00:00:00.100",
        ["Membership:LeaveDelay"] = "00:00:00.300",
        ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
        ["Orleans:Membership:NumMissedProbesLimit"] = "2",
        ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
        ["Orleans:Membership:TableRefreshTimeout"] = "00:00:01",
        ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "00:00:01",
        ["Orleans:Membership:DeathVoteExpirationTimeout"] = "00:00:05",
        ["Orleans:Membership:LocalHealthDegradationMonitoringPeriod"] = "00:00:01",
        ["Orleans:Membership:ExtendProbeTimeoutDuringDegradation"] = "false",
        ["Orleans:ReminderService:MinimumReminderPeriod"] = "00:00:00.500",
        ["Orleans:ReminderService:RefreshReminderListPeriod"] = "00:00:01",
        ["Orleans:ReminderService:InitializationTimeout"] = "00:00:30",
        ["Orleans:ReminderService:ReminderLoadingWindow"] = "30.00:00:00", // every reminder ticks from a local timer, so a test moving its clock days ahead reaches it
        ["Orleans:Messaging:ResponseTimeout"] = "00:00:10",
        ["Logging:LogLevel:Default"] = "Warning",

        // Orleans' dashboard profiles every grain call and reports every second: too much for the
        // dozens of silos a run starts on two cores. Its own tests (and the process silos) turn it on.
        ["Orleans:Dashboard:Enabled"] = "false",
        ["Logging:LogLevel:Orleans"] = "Error",
        ["Logging:LogLevel:OrleansShop.Effects"] = "Error",
    };
}
