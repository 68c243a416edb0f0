using Microsoft.Extensions.Options;
using OrleansShop.Storage;
using Yarp.ReverseProxy.Configuration;

namespace OrleansShop.Gateway.Discovery;

/// <summary>
/// Reads the silos Orleans' membership counts as active, with the HTTP addresses they published,
/// every refresh interval and makes them the proxy's destinations. A silo Orleans declares dead
/// (or that leaves) stops receiving requests; destinations that stay keep their id (the silo's
/// Orleans address, <c>ip:port@generation</c>), so they keep their health state.
/// </summary>
internal sealed partial class SiloDiscovery(
    SiloEndpointStore endpoints,
    IOptions<ClusterOptions> cluster,
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

    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var active = (await endpoints.ListActiveAsync(cluster.Value.ServiceId, cancellationToken))
            .Where(s => Uri.IsWellFormedUriString(s.HttpUrl, UriKind.Absolute))
            .OrderBy(s => s.SiloId, StringComparer.Ordinal)
            .ToDictionary(s => s.SiloId, s => s.HttpUrl);
        var signature = string.Join(";", active.Select(s => $"{s.Key}={s.Value}"));
        if (signature == _current)
        {
            return;
        }

        _current = signature;
        Destinations = active;
        proxy.Update(GatewayRoutes.Routes, [GatewayRoutes.Cluster(active, options.Value)]);
        LogDestinations(logger, active.Count, signature);
    }

    [LoggerMessage(1, LogLevel.Warning, "Reading the membership table failed; routing to the silos last seen")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Routing to {Count} active silos: {Silos}")]
    private static partial void LogDestinations(ILogger logger, int count, string silos);
}
