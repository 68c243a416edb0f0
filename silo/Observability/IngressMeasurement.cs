using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansShop.Effects;
using OrleansShop.Silo.Webhooks;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Observability;

/// <summary>
/// Measures every delivery to a webhook or payment-notification address: its outcome as the answer
/// says it (applied, ignored, rejected, deferred, duplicate, or the refusal's status code) and how
/// long it took. The handler notes the shop once it knows it exists, and the profile. A refused
/// delivery is logged with its status and reason, never its body: a platform whose secret is wrong
/// is seen in the log long before it gives up on the subscription.
/// </summary>
internal sealed partial class IngressMeasurement(ShopMetrics metrics, WebhookReceiptLog receipts, TimeProvider time, ILogger<IngressMeasurement> logger) : IEndpointFilter
{
    private const string FactsItem = "orleansshop.ingress";
    private const string EventItem = "orleansshop.ingress.event";

    /// <summary>The shop exists and the delivery is of <paramref name="profile"/>: the labels of its measurement.</summary>
    public static void Note(HttpContext context, string shopId, string profile)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[FactsItem] = (shopId, profile);
    }

    /// <summary>The delivery's event id (the platform's, or its dedup key), for its receipt.</summary>
    public static void NoteEvent(HttpContext context, string eventId)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[EventItem] = eventId;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        var receivedAt = time.GetUtcNow();
        var result = await next(context);
        var known = context.HttpContext.Items[FactsItem] is (string s, string p) ? (Shop: s, Profile: p) : ((string Shop, string Profile)?)null;
        var (shop, profile) = known ?? (ShopMetrics.UnknownShop, "unknown");
        var elapsed = Stopwatch.GetElapsedTime(started);
        var outcome = Outcome(result);
        metrics.WebhookReceived(shop, profile, outcome, elapsed);
        var request = context.HttpContext.Request;
        var refused = result is IStatusCodeHttpResult { StatusCode: >= 400 };
        if (known is not null)
        {
            // Deliveries to a shop that does not exist are counted, not kept: anyone can ask for any address.
            var answered = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
            receipts.Record(new WebhookReceipt(
                0, shop, profile, context.HttpContext.Items[EventItem] as string, receivedAt, answered, refused ? "refused" : outcome,
                refused ? Reason(result) : (result as Ok<WebhookIngress.WebhookAnswer>)?.Value?.Detail, request.ContentLength ?? -1, elapsed.TotalMilliseconds));
        }

        if (result is IStatusCodeHttpResult { StatusCode: >= 400 and var status })
        {
            using var scope = known is null ? null : ShopLogScope.Begin(logger, shop, orderId: null, context.HttpContext.Items[EventItem] as string);
            LogRefused(logger, request.Path.Value ?? string.Empty, shop, profile, status, Reason(result) ?? "(no reason)", request.ContentLength ?? -1, elapsed.TotalMilliseconds);
        }

        return result;
    }

    /// <summary>The problem's detail: it names the field or the check that failed; values from the body never appear in it.</summary>
    private static string? Reason(object? result) => result switch
    {
        ProblemHttpResult problem => problem.ProblemDetails.Detail,
        ValidationProblem invalid => invalid.ProblemDetails.Detail,
        _ => null,
    };

    private static string Outcome(object? result) => result switch
    {
        Ok<WebhookIngress.WebhookAnswer> { Value: { } answer } => answer.Duplicate ? "duplicate" : answer.Outcome,
        IStatusCodeHttpResult { StatusCode: { } status } => status.ToString(CultureInfo.InvariantCulture),
        _ => "unknown",
    };

    [LoggerMessage(1, LogLevel.Information, "Refused a delivery to {Path} (shop {Shop}, profile {Profile}): {Status} {Reason}; {Size} bytes, {ElapsedMs:0.#} ms")]
    private static partial void LogRefused(ILogger logger, string path, string shop, string profile, int status, string reason, long size, double elapsedMs);
}
