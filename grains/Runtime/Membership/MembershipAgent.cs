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
/// <remarks>
/// A graceful stop leaves first, while the web server still listens (<see cref="StoppingAsync"/>
/// runs before any hosted service stops): the silo marks its row as left, answers <c>/readyz</c>
/// with 503, and keeps serving for <see cref="MembershipOptions.LeaveDelay"/> so gateways move its
/// requests elsewhere before its port closes. Then the server drains in-flight requests, the
/// dispatcher releases the outbox rows it has not started, and running turns finish.
/// </remarks>
internal sealed class MembershipAgent(
    IMembershipStorage storage,
    SiloIdentity silo,
    StorageInitializer storageInitializer,
    IHostApplicationLifetime lifetime,
    IOptions<MembershipOptions> options,
    TimeProvider timeProvider,
    ILogger<MembershipAgent> logger) : BackgroundService, IHostedLifecycleService
{
    private readonly MembershipOptions _options = options.Value;
    private volatile bool _joined;
    private volatile bool _left;

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

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Leaves while still serving, then waits for gateways to notice. A crash (a cancelled stop) skips both.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        silo.IsLeaving = true;
        if (cancellationToken.IsCancellationRequested || !await LeaveAsync(cancellationToken))
        {
            return;
        }

        try
        {
            if (_options.LeaveDelay > TimeSpan.Zero && await OthersAliveAsync(cancellationToken))
            {
                await Task.Delay(_options.LeaveDelay, timeProvider, cancellationToken);
            }
        }
        catch (Exception exception)
        {
            logger.HeartbeatFailed(silo.SiloId, exception); // stop now; the gateways' retries cover the rest
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!cancellationToken.IsCancellationRequested)
        {
            await LeaveAsync(cancellationToken); // when leaving early failed
        }
    }

    private async Task<bool> LeaveAsync(CancellationToken cancellationToken)
    {
        if (!_joined || _left)
        {
            return _left;
        }

        try
        {
            _left = true; // no heartbeat may join it again from here on
            await storage.LeaveAsync(silo.SiloId, cancellationToken);
            logger.SiloLeft(silo.SiloId);
            return true;
        }
        catch (Exception exception)
        {
            _left = false;
            logger.HeartbeatFailed(silo.SiloId, exception); // its heartbeat goes stale instead
            return false;
        }
    }

    private async Task<bool> OthersAliveAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return (await storage.ListSilosAsync(cancellationToken)).Any(s => s.SiloId != silo.SiloId && s.IsAlive(now, _options.DeadAfter));
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        if (silo.IsLeaving || (_joined && await storage.HeartbeatAsync(silo.SiloId, cancellationToken)))
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var address = silo.Address ?? "unknown";
        await storage.JoinAsync(new SiloRecord(silo.SiloId, address, silo.HostName, silo.StartedAt, now, SiloStatus.Active), cancellationToken);
        _joined = true; // before anything else awaits: a stop from here on must leave the row it wrote
        await storage.PurgeSilosAsync(now - _options.RetainDeadSilos, cancellationToken);
        logger.SiloJoined(silo.SiloId, address);
    }

    private Task WhenStarted(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(cancellationToken);
    }
}
