using Orleans.Runtime;

namespace OrleansShop.Silo.Http;

/// <summary>
/// Between a silo's death and Orleans' membership declaring it dead, calls to the grains it held
/// fail with <see cref="SiloUnavailableException"/>. For requests that may safely run again — reads,
/// and the deliveries deduplicated by their inbox (webhooks, payment notifications, inbound SMS) —
/// this runs the request again until the grains answer from their new silo, within
/// <see cref="Budget"/>; anything else gets the 503 with <c>Retry-After</c>.
/// </summary>
internal sealed partial class SiloFailoverRetry(RequestDelegate next, ILogger<SiloFailoverRetry> logger)
{
    /// <summary>How long one request keeps trying. Orleans declares a dead silo in a few seconds with fast membership settings, 15–30 s with its defaults.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!MayRunAgain(context.Request))
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        var deadline = DateTimeOffset.UtcNow + Budget;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (SiloUnavailableException exception) when (!context.Response.HasStarted && DateTimeOffset.UtcNow + Pause < deadline)
            {
                LogRetrying(logger, context.Request.Method, context.Request.Path, attempt, exception.Message);
                await Task.Delay(Pause, context.RequestAborted);
                context.Request.Body.Position = 0;
            }
        }
    }

    private static bool MayRunAgain(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
        || (HttpMethods.IsPost(request.Method) && (request.Path.StartsWithSegments("/v1/sms/inbound")
            || (request.Path.StartsWithSegments("/v1/shops") && (request.Path.Value!.EndsWith("/webhooks", StringComparison.Ordinal) || request.Path.Value.EndsWith("/payments/iyzico", StringComparison.Ordinal)))));

    [LoggerMessage(1, LogLevel.Information, "{Method} {Path}: a grain's silo is unavailable (attempt {Attempt}: {Reason}); running it again")]
    private static partial void LogRetrying(ILogger logger, string method, string path, int attempt, string reason);
}
