using OrleansShop.Gateway.Discovery;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace OrleansShop.Gateway.Routing;

/// <summary>
/// Forwards a request again, to the silo the hash picks next, when forwarding it failed before any
/// answer began and sending it twice is harmless:
/// <list type="bullet">
/// <item>the silo refused the connection (it died or is stopping): not one byte was sent, so this
/// holds for every method;</item>
/// <item>the connection broke after the request was sent (a silo killed mid-request), for safe
/// methods (GET, HEAD, OPTIONS) and for webhooks, which the silos deduplicate by the platform's
/// event id, so a second delivery answers the first one's outcome.</item>
/// </list>
/// Anything else (a timeout, a PUT or an API-key rotation cut off mid-way) is answered 502 and left
/// to the client. Runs before load balancing, which picks among the silos this middleware leaves.
/// </summary>
internal sealed partial class NextSiloRetry(RequestDelegate next, ILogger<NextSiloRetry> logger)
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
            if (!MayRetry(context) || context.Response.HasStarted || proxy.ProxiedDestination is not { } failed
                || !candidates.Remove(failed) || candidates.Count == 0)
            {
                return;
            }

            LogRetrying(logger, failed.DestinationId);
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            context.Request.Body.Position = 0;
            proxy.AvailableDestinations = candidates.ToArray<DestinationState>();
        }
    }

    private static bool MayRetry(HttpContext context) => context.GetForwarderErrorFeature() switch
    {
        { Error: ForwarderError.Request, Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } } => true,
        { Error: ForwarderError.Request } => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method) || IsWebhook(context.Request),
        _ => false,
    };

    private static bool IsWebhook(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["v1", "shops", _, "webhooks"];

    [LoggerMessage(1, LogLevel.Information, "Forwarding to silo {SiloId} failed before an answer began; forwarding to the next silo")]
    private static partial void LogRetrying(ILogger logger, string siloId);
}
