using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansShop.Silo.Webhooks;

namespace OrleansShop.Silo.Observability;

/// <summary>
/// Measures every delivery to a webhook or payment-notification address: its outcome as the answer
/// says it (applied, ignored, rejected, deferred, duplicate, or the refusal's status code) and how
/// long it took. The handler notes the shop once it knows it exists, and the profile.
/// </summary>
internal sealed class IngressMeasurement(ShopMetrics metrics) : IEndpointFilter
{
    private const string FactsItem = "orleansshop.ingress";

    /// <summary>The shop exists and the delivery is of <paramref name="profile"/>: the labels of its measurement.</summary>
    public static void Note(HttpContext context, string shopId, string profile)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[FactsItem] = (shopId, profile);
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        var result = await next(context);
        var (shop, profile) = context.HttpContext.Items[FactsItem] is (string s, string p) ? (s, p) : (ShopMetrics.UnknownShop, "unknown");
        metrics.WebhookReceived(shop, profile, Outcome(result), Stopwatch.GetElapsedTime(started));
        return result;
    }

    private static string Outcome(object? result) => result switch
    {
        Ok<WebhookIngress.WebhookAnswer> { Value: { } answer } => answer.Duplicate ? "duplicate" : answer.Outcome,
        IStatusCodeHttpResult { StatusCode: { } status } => status.ToString(CultureInfo.InvariantCulture),
        _ => "unknown",
    };
}
