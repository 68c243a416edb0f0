using OrleansShop.Tests.Grains;
using OrleansShop.Tests.TestingHost;

namespace OrleansShop.Tests.Infrastructure;

/// <summary>A database of its own and a cluster started on it, for one test.</summary>
public sealed class ClusterScope : IAsyncDisposable
{
    private ClusterScope(TestDatabase database, TestCluster cluster, ProbeRecorder probes, CallLog calls, TickRecorder ticks)
    {
        Database = database;
        Cluster = cluster;
        Probes = probes;
        Calls = calls;
        Ticks = ticks;
    }

    public TestDatabase Database { get; }

    public TestCluster Cluster { get; }

    public ProbeRecorder Probes { get; }

    public CallLog Calls { get; }

    public TickRecorder Ticks { get; }

    public static async Task<ClusterScope> StartAsync(int silos = 2, IDictionary<string, string?>? settings = null, TimeProvider? timeProvider = null)
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var (probes, calls, ticks) = (new ProbeRecorder(), new CallLog(), new TickRecorder());
        var cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            ConnectionString = database.ConnectionString,
            InitialSilos = silos,
            Settings = settings ?? new Dictionary<string, string?>(),
            TimeProvider = timeProvider,
            ConfigureServices = services => services.AddTestGrains(probes, calls, ticks),
        });
        return new ClusterScope(database, cluster, probes, calls, ticks);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
