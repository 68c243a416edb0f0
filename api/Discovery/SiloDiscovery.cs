using Microsoft.Extensions.Options;
using OrleansShop.Runtime.Membership;
using OrleansShop.Runtime.Storage;
using Yarp.ReverseProxy.Configuration;

namespace OrleansShop.Gateway.Discovery;

/// <summary>
/// Reads the membership table every refresh interval and makes the live silos the proxy's
/// destinations. A silo whose heartbeat is older than <c>Membership:DeadAfter</c> stops receiving
/// requests; destinations that stay keep their id (the silo id), so they keep their health state.
/// </summary>
internal sealed partial class SiloDiscovery(
    IMembershipStorage membership,
    InMemoryConfigProvider proxy,
    IOptions<GatewayOptions> options,
    TimeProvider timeProvider,
    ILogger<SiloDiscovery> logger) : BackgroundService
{
    private string _current = string.Empty;

    public IReadOnlyDictionary<string, string> Destinations { get; private set; } = new Dictionary<string, string>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, timeProvider);
        try
        {
            do
            {
                try
                {
                    await RefreshAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRefreshFailed(logger, exception); // keep routing to the silos last seen
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var alive = (await membership.ListSilosAsync(cancellationToken))
            .Where(s => s.IsAlive(now, options.Value.DeadAfter) && Uri.IsWellFormedUriString(s.Address, UriKind.Absolute))
            .OrderBy(s => s.SiloId, StringComparer.Ordinal)
            .ToDictionary(s => s.SiloId, s => s.Address);
        var signature = string.Join(";", alive.Select(s => $"{s.Key}={s.Value}"));
        if (signature == _current)
        {
            return;
        }

        _current = signature;
        Destinations = alive;
        proxy.Update(GatewayRoutes.Routes, [GatewayRoutes.Cluster(alive, options.Value)]);
        LogDestinations(logger, alive.Count, signature);
    }

    [LoggerMessage(1, LogLevel.Warning, "Reading the membership table failed; routing to the silos last seen")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Routing to {Count} live silos: {Silos}")]
    private static partial void LogDestinations(ILogger logger, int count, string silos);
}
