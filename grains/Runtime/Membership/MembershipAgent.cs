using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansShop.Runtime.Hosting;
using OrleansShop.Runtime.Storage;

namespace OrleansShop.Runtime.Membership;

/// <summary>
/// Joins the membership table once the silo serves, heartbeats, and leaves on a graceful stop.
/// Gateways and dashboards read the table; nothing about correctness does.
/// </summary>
internal sealed class MembershipAgent(
    IMembershipStorage storage,
    SiloIdentity silo,
    StorageInitializer storageInitializer,
    IHostApplicationLifetime lifetime,
    IOptions<MembershipOptions> options,
    TimeProvider timeProvider,
    ILogger<MembershipAgent> logger) : BackgroundService
{
    private readonly MembershipOptions _options = options.Value;
    private volatile bool _joined;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStarted(stoppingToken);
            await storageInitializer.WaitUntilReadyAsync(stoppingToken);
            using var timer = new PeriodicTimer(_options.HeartbeatInterval, timeProvider);
            do
            {
                try
                {
                    await BeatAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.HeartbeatFailed(silo.SiloId, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_joined)
        {
            try
            {
                await storage.LeaveAsync(silo.SiloId, cancellationToken);
                logger.SiloLeft(silo.SiloId);
            }
            catch (Exception exception)
            {
                logger.HeartbeatFailed(silo.SiloId, exception); // its heartbeat goes stale instead
            }
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        if (_joined && await storage.HeartbeatAsync(silo.SiloId, cancellationToken))
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var address = silo.Address ?? "unknown";
        await storage.JoinAsync(new SiloRecord(silo.SiloId, address, silo.HostName, silo.StartedAt, now, SiloStatus.Active), cancellationToken);
        await storage.PurgeSilosAsync(now - _options.RetainDeadSilos, cancellationToken);
        _joined = true;
        logger.SiloJoined(silo.SiloId, address);
    }

    private Task WhenStarted(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(cancellationToken);
    }
}
