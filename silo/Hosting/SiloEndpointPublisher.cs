using Microsoft.Extensions.Options;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Hosting;

/// <summary>
/// Once the silo serves HTTP, records its URL beside its Orleans address (<c>silo_endpoints</c>), so
/// the gateway can join Orleans' membership table with where to send requests. PostgreSQL only.
/// </summary>
internal sealed partial class SiloEndpointPublisher(
    IHostApplicationLifetime lifetime,
    SiloIdentity identity,
    ILocalSiloDetails silo,
    SiloEndpointStore endpoints,
    IOptions<StorageOptions> storage,
    IOptions<Storage.ClusterOptions> cluster,
    ILogger<SiloEndpointPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storage.Value.Provider != StorageOptions.Postgres)
        {
            return;
        }

        try
        {
            await lifetime.WaitUntilStartedAsync(stoppingToken);
            while (true)
            {
                try
                {
                    await endpoints.PublishAsync(cluster.Value.ServiceId, silo.SiloAddress, identity.Address!, stoppingToken);
                    LogPublished(logger, silo.SiloAddress.ToString(), identity.Address!);
                    return;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogPublishFailed(logger, exception);
                    await Task.Delay(RetryDelay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping before it could publish
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Silo {Silo} serves HTTP at {Url}")]
    private static partial void LogPublished(ILogger logger, string silo, string url);

    [LoggerMessage(2, LogLevel.Warning, "Publishing this silo's HTTP address failed; trying again")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
