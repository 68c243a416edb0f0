using Microsoft.Extensions.Options;
using Npgsql;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Hosting;

/// <summary>Once the silo serves, prints where it listens, where its data lives and how to authenticate.</summary>
internal sealed class StartupBanner(
    IHostApplicationLifetime lifetime,
    SiloIdentity silo,
    SiloSecrets secrets,
    StorageInitializer storage,
    IOptions<StorageOptions> storageOptions,
    IOptions<ClusterOptions> clusterOptions) : BackgroundService
{
    private static readonly TimeSpan WaitForStorage = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        try
        {
            await started.Task.WaitAsync(stoppingToken);
            await storage.WaitUntilReadyAsync(stoppingToken).WaitAsync(WaitForStorage, stoppingToken);
        }
        catch (TimeoutException)
        {
            // Print anyway: the banner says storage is not ready yet.
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await System.Console.Out.WriteAsync(Render());
        await System.Console.Out.FlushAsync(stoppingToken);
    }

    private string Render()
    {
        var options = storageOptions.Value;
        var url = silo.Address ?? "(not bound)";
        var generated = secrets.GeneratedInFile is { } file ? $"  (kept in {file})" : string.Empty;
        return $"""

            OrleansShop silo {silo.SiloId}
              listening      {url}   health: {url}/healthz  ready: {url}/readyz
              cluster        {clusterOptions.Value.ServiceId}
              storage        {options.Provider}: {DescribeDatabase(options)}{(storage.IsReady ? string.Empty : $"   NOT READY: {storage.LastError}")}
              data folder    {options.DataFolderPath}
              admin token    {secrets.AdminToken}{generated}
              sms token      {secrets.SmsInboundToken}
              stop with Ctrl+C

            """;
    }

    /// <summary>Names the database without its password.</summary>
    private static string DescribeDatabase(StorageOptions options)
    {
        var connectionString = options.ResolveConnectionString();
        if (options.Provider == StorageOptions.Sqlite)
        {
            return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        }

        var postgres = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{postgres.Host}:{postgres.Port}/{postgres.Database}";
    }
}
