using OrleansShop.Gateway.Discovery;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace OrleansShop.Gateway.Routing;

/// <summary>
/// Forwards again to the next silo when the picked one refused the connection (it died or is
/// stopping). A refused connection means not one byte of the request was sent, so retrying is safe
/// for every method, POSTs included. Failures after the request was sent (a reset mid-response) are
/// not retried: the platform retries those, and webhooks are idempotent by their dedup key.
/// Runs before load balancing, which picks among the destinations this middleware leaves.
/// </summary>
internal sealed partial class RefusedConnectionRetry(RequestDelegate next, ILogger<RefusedConnectionRetry> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Bodies are capped at 256 KiB, so keep them in memory to send them again.
        context.Request.EnableBuffering(bufferThreshold: (int)GatewayRoutes.MaxRequestBodySize);
        var proxy = context.GetReverseProxyFeature();
        var candidates = proxy.AvailableDestinations.ToList();
        while (true)
        {
            await next(context);
            if (!WasRefused(context) || context.Response.HasStarted || proxy.ProxiedDestination is not { } refused
                || !candidates.Remove(refused) || candidates.Count == 0)
            {
                return;
            }

            LogRetrying(logger, refused.DestinationId);
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            context.Request.Body.Position = 0;
            proxy.AvailableDestinations = candidates.ToArray<DestinationState>();
        }
    }

    private static bool WasRefused(HttpContext context) =>
        context.GetForwarderErrorFeature() is { Error: ForwarderError.Request, Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } };

    [LoggerMessage(1, LogLevel.Information, "Silo {SiloId} refused the connection; forwarding to the next silo")]
    private static partial void LogRetrying(ILogger logger, string siloId);
}
