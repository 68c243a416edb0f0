using OrleansShop.Tests.TestingHost;

namespace OrleansShop.Tests.Infrastructure;

/// <summary>A database of its own and a cluster started on it, for one test.</summary>
public sealed class ClusterScope : IAsyncDisposable
{
    private ClusterScope(TestDatabase database, TestCluster cluster)
    {
        Database = database;
        Cluster = cluster;
    }

    public TestDatabase Database { get; }

    public TestCluster Cluster { get; }

    public static async Task<ClusterScope> StartAsync(int silos = 2, IDictionary<string, string?>? settings = null, TimeProvider? timeProvider = null, Action<IServiceCollection>? services = null)
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            ConnectionString = database.ConnectionString,
            InitialSilos = silos,
            Settings = settings ?? new Dictionary<string, string?>(),
            TimeProvider = timeProvider,
            ConfigureServices = services,
        });
        return new ClusterScope(database, cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
