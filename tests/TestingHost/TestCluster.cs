using Npgsql;
using Orleans.Reminders;
using OrleansShop.Silo.Hosting;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.TestingHost;

/// <summary>
/// N OrleansShop silos in one process over one PostgreSQL database, each its own ASP.NET Core host
/// with its Orleans silo on loopback ports: the HTTP-level suites' cluster. <see cref="KillSiloAsync"/>
/// takes a silo off its database and stops it without any shutdown work, as a crash would (Orleans'
/// membership then declares it dead); <see cref="StopSiloAsync"/> stops it gracefully. Grain-level
/// tests use Orleans' own <c>InProcessTestCluster</c> (tests/Effects).
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<TestSilo> _silos = [];
    private readonly Queue<(int Silo, int Gateway)> _killed = [];
    private readonly TestClusterOptions _options;
    private readonly NpgsqlConnectionStringBuilder _database;

    private TestCluster(TestClusterOptions options)
    {
        _options = options;
        _database = new NpgsqlConnectionStringBuilder(options.ConnectionString);
    }

    public IReadOnlyList<TestSilo> Silos => _silos;

    public TestSilo Primary => _silos[0];

    public static async Task<TestCluster> StartAsync(TestClusterOptions options)
    {
        var cluster = new TestCluster(options);
        for (var i = 0; i < options.InitialSilos; i++)
        {
            await cluster.StartSiloAsync();
        }

        return cluster;
    }

    /// <param name="settings">Configuration over the cluster's.</param>
    /// <param name="databaseReachable">False starts the silo with its database cut off, and does not wait for it to be ready.</param>
    public async Task<TestSilo> StartSiloAsync(IDictionary<string, string?>? settings = null, bool databaseReachable = true)
    {
        var proxy = new TcpProxy(_database.Host!, _database.Port);
        if (!databaseReachable)
        {
            proxy.Cut();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;
        var configuration = TestClusterOptions.FastDefaults();
        foreach (var source in new[] { _options.Settings, settings ?? new Dictionary<string, string?>() })
        {
            foreach (var (key, value) in source)
            {
                configuration[key] = value;
            }
        }

        configuration["Storage:ConnectionString"] = connectionString;
        if (_killed.TryDequeue(out var crashed))
        {
            // A restart after a crash, on the crashed silo's ports: Orleans sees the older
            // generation at its endpoint and declares it dead at once, as it would on a host
            // whose silo restarts; otherwise a lone new silo would wait for the dead one's votes.
            configuration["Orleans:SiloPort"] = crashed.Silo.ToString(System.Globalization.CultureInfo.InvariantCulture);
            configuration["Orleans:GatewayPort"] = crashed.Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var app = SiloApplication.Create(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            if (_options.TimeProvider is { } time)
            {
                // The test's clock drives OrleansShop's code and Orleans' reminders; Orleans' own
                // machinery (membership, messaging, timers, the directory) keeps real time, as
                // Orleans' TimeProviderNames recommends, so that a frozen clock freezes nothing else.
                builder.Services.AddSingleton(time);
                builder.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, time);
                foreach (var area in (string[])[TimeProviderNames.Grains, TimeProviderNames.Messaging, TimeProviderNames.SystemTimers,
                    TimeProviderNames.Membership, TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory])
                {
                    builder.Services.AddKeyedSingleton(area, TimeProvider.System);
                }
            }

            _options.ConfigureServices?.Invoke(builder.Services);
        });
        var starting = app.StartAsync();
        if (databaseReachable)
        {
            await starting.WaitAsync(TimeSpan.FromSeconds(60));
        }

        var silo = new TestSilo(app, proxy);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>A crash: the silo's database connections drop and it does no shutdown work.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        var endpoints = silo.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.EndpointOptions>>().Value;
        _killed.Enqueue((endpoints.SiloPort, endpoints.GatewayPort));
        silo.DatabaseProxy.Cut();
        _silos.Remove(silo);
        using var alreadyOver = new CancellationTokenSource();
        await alreadyOver.CancelAsync();
        try
        {
            await silo.App.StopAsync(alreadyOver.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or AggregateException)
        {
            // a crash does not wait for anything
        }

        await silo.DisposeAsync();
    }

    /// <summary>A graceful stop: the silo fails readiness for its leave delay, Orleans deactivates its grains and leaves the cluster.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        await silo.App.StopAsync();
        await silo.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.ToArray())
        {
            await StopSiloAsync(silo);
        }
    }
}
