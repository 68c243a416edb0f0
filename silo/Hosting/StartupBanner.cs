using Microsoft.Extensions.Options;
using Npgsql;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Hosting;

/// <summary>
/// Once the silo serves, prints where it listens, where its data lives and how to authenticate: the
/// tokens themselves only when the silo generated them (the embedded default), never configured ones.
/// With the JSON console format (<c>Logging:Console:FormatterName=json</c>) it is one log entry, without
/// tokens, so that every line of the output is JSON.
/// </summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    SiloIdentity silo,
    SiloSecrets secrets,
    StorageInitializer storage,
    IOptions<StorageOptions> storageOptions,
    IOptions<ClusterOptions> clusterOptions,
    IConfiguration configuration,
    ILogger<StartupBanner> logger) : BackgroundService
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

        if (string.Equals(configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase))
        {
            var options = storageOptions.Value;
            LogStarted(logger, silo.SiloId, silo.Address ?? "(not bound)", clusterOptions.Value.ServiceId, options.Provider, DescribeDatabase(options), storage.IsReady, secrets.GeneratedInFile);
            return;
        }

        await System.Console.Out.WriteAsync(Render());
        await System.Console.Out.FlushAsync(stoppingToken);
    }

    private string Token(string key, string value) =>
        string.IsNullOrEmpty(configuration[key]) ? value : $"(set by {key})";

    private string Render()
    {
        var options = storageOptions.Value;
        var url = silo.Address ?? "(not bound)";
        var generated = secrets.GeneratedInFile is { } file && string.IsNullOrEmpty(configuration["Admin:Token"]) ? $"  (kept in {file})" : string.Empty;
        return $"""

            OrleansShop silo {silo.SiloId}
              listening      {url}   health: {url}/healthz  ready: {url}/readyz
              cluster        {clusterOptions.Value.ServiceId}
              storage        {options.Provider}: {DescribeDatabase(options)}{(storage.IsReady ? string.Empty : $"   NOT READY: {storage.LastError}")}
              data folder    {options.DataFolderPath}
              admin token    {Token("Admin:Token", secrets.AdminToken)}{generated}
              sms token      {Token("Sms:InboundToken", secrets.SmsInboundToken)}
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

    [LoggerMessage(1, LogLevel.Information, "OrleansShop silo {SiloId} serves {Url} in cluster {ServiceId} over {Provider} {Database} (ready: {StorageReady}); generated secrets are in {SecretsFile}")]
    private static partial void LogStarted(ILogger logger, string siloId, string url, string serviceId, string provider, string database, bool storageReady, string? secretsFile);
}
