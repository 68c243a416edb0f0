using Npgsql;
using Orleans.Reminders;
using OrleansShop.Effects;
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
    private readonly Queue<int> _killed = [];
    private readonly List<Task> _dying = [];
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

        // Other silos reach this one's Orleans port through a proxy, so that a kill takes it off the
        // network at once. A restart after a crash takes the crashed silo's advertised port: Orleans
        // sees an older generation at its endpoint and declares it dead at once, as on a host whose
        // silo restarts; a lone new silo would otherwise wait for votes that nobody can cast.
        var listening = SiloPorts.Free();
        var orleansProxy = new TcpProxy("127.0.0.1", listening, _killed.TryDequeue(out var crashed) ? crashed : 0);
        configuration["Orleans:SiloListeningPort"] = listening.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["Orleans:SiloPort"] = orleansProxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var app = SiloApplication.Create(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            if (_options.TimeProvider is { } time)
            {
                // The test's clock drives the grains and Orleans' reminders; everything else,
                // Orleans' membership, messaging and placement included, keeps real time.
                builder.Services.AddKeyedSingleton(ShopTime.Key, time);
                builder.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, time);
            }

            builder.Services.AddSingleton<IFatalErrorHandler, TestSiloFatalErrors>();
            _options.ConfigureServices?.Invoke(builder.Services);
        });
        var starting = app.StartAsync();
        if (databaseReachable)
        {
            await starting.WaitAsync(TimeSpan.FromSeconds(60));
        }

        var silo = new TestSilo(app, proxy, orleansProxy);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>
    /// A crash: at once the silo's HTTP port closes, other silos can no longer reach its Orleans
    /// port, and its database connections drop. What is left of it winds down in the background,
    /// unreachable, as a dead process would be.
    /// </summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        _killed.Enqueue(silo.OrleansProxy.Port);
        silo.OrleansProxy.Cut();
        using var alreadyOver = new CancellationTokenSource();
        await alreadyOver.CancelAsync();
        try
        {
            await silo.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().StopAsync(alreadyOver.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or AggregateException)
        {
            // a crash does not wait for anything
        }

        // Orleans' own non-graceful stop (a cancelled token), as Orleans' TestingHost kills a silo:
        // no deactivation, no state written; its connections close, so none that it opened keeps
        // answering for it, as they would in a process that no longer exists.
        foreach (var orleans in silo.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Where(s => s.GetType().Name == "SiloHostedService"))
        {
            try
            {
                await orleans.StopAsync(alreadyOver.Token).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception exception) when (exception is OperationCanceledException or AggregateException or TimeoutException or InvalidOperationException)
            {
                // a crash does not wait for anything
            }
        }

        silo.DatabaseProxy.Cut();

        await silo.OrleansProxy.DisposeAsync(); // frees the advertised port for a restart
        _dying.Add(Task.Run(async () =>
        {
            try
            {
                await silo.App.StopAsync(new CancellationToken(canceled: true));
            }
            catch (Exception exception) when (exception is OperationCanceledException or AggregateException)
            {
                // a crash does not wait for anything
            }

            await silo.DisposeAsync();
        }));
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

        await Task.WhenAll(_dying).WaitAsync(TimeSpan.FromMinutes(3)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
