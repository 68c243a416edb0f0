using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.TestingHost;
using OrleansShop.Effects;
using OrleansShop.Storage;
using OrleansShop.Storage.Persistence;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Grains.Effects;

/// <summary>
/// Orleans' own <see cref="InProcessTestCluster"/> (two silos in this process, Orleans' test
/// membership and directory) with grain state on a PostgreSQL database of its own through Orleans'
/// group-commit grain storage and our schema, effects on, reminders in memory, and a recording connector.
/// </summary>
public sealed class EffectsCluster : IAsyncDisposable
{
    private EffectsCluster(InProcessTestCluster cluster, TestDatabase database, CallLog calls, ReadModelLog readModels)
    {
        Cluster = cluster;
        Database = database;
        Calls = calls;
        ReadModels = readModels;
    }

    public InProcessTestCluster Cluster { get; }

    public TestDatabase Database { get; }

    public CallLog Calls { get; }

    public ReadModelLog ReadModels { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The re-drive interval, which is also the period of a one-shot reminder until its first tick.</summary>
    public static TimeSpan RedriveInterval { get; } = TimeSpan.FromSeconds(1);

    public static async Task<EffectsCluster> StartAsync(short silos = 2)
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var calls = new CallLog();
        var readModels = new ReadModelLog();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureHost(host =>
        {
            host.Services.AddSerializer(serializer => serializer.AddJsonSerializer(
                type => type.Namespace?.StartsWith("OrleansShop", StringComparison.Ordinal) == true && !typeof(Exception).IsAssignableFrom(type), GrainJson.Options));
        });
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = StorageOptions.Postgres,
                ["Storage:ConnectionString"] = database.ConnectionString,
                ["Dispatcher:BaseDelay"] = "00:00:00.050",
                ["Dispatcher:MaxDelay"] = "00:00:00.200",
                ["Dispatcher:MaxAttempts"] = "4",
                ["Dispatcher:RedriveInterval"] = RedriveInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                ["Dispatcher:SettleDelay"] = "00:00:00.100",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            host.Services.AddSingleton(calls);
            host.Services.AddSingleton<IIndexProjection>(readModels);
            host.Services.AddSingleton<IDeliveryLog>(readModels);
            host.Services.AddExternalCallHandler<RecordingConnector>();
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddShopStorage();
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StorageReadyGate>();
            silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorageSerializer, JsonGrainStorageSerializer>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
            silo.AddGroupCommitGrainStorageAsDefault();
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(500));
            silo.AddEffects();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new EffectsCluster(cluster, database, calls, readModels);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
