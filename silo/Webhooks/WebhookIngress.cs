using Microsoft.AspNetCore.Http.HttpResults;
using OrleansShop.Effects;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Reputation;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Endpoints;
using OrleansShop.Silo.Endpoints.Reputation;
using OrleansShop.Silo.Http;
using OrleansShop.Silo.Observability;
using OrleansShop.Silo.Problems;
using OrleansShop.Silo.Webhooks.Profiles;

namespace OrleansShop.Silo.Webhooks;

/// <summary>
/// <c>POST /v1/shops/{shopId}/webhooks</c>: cap the body, find the shop, verify the signature over
/// the raw bytes, spend one of the shop's verified deliveries (failures spend a budget of their own), map the payload, and apply the event to its order as one inbox-keyed turn. The
/// 200 goes out only after the inbox row and the transition have committed; a redelivery gets
/// the original answer with <c>duplicate: true</c>. Business outcomes are never 4xx: a platform
/// would only retry them.
/// </summary>
internal static class WebhookIngress
{
    public static IEndpointRouteBuilder MapWebhookIngress(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/shops/{shopId}/webhooks", ReceiveAsync).AddEndpointFilter<IngressMeasurement>();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        string shopId, HttpRequest request, IGrainFactory grains, OrderEventFactory events, CodVerdicts verdicts, WebhookRateLimits limits, TimeProvider timeProvider,
        [FromKeyedServices(ShopTime.Key)] TimeProvider shopTime, ILogger<ShopLogScope> logger)
    {
        var (body, tooLarge) = await RequestBody.ReadAsync(request);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        if (!ShopIds.IsValid(shopId) || await grains.GetGrain<IShopGrain>(shopId).GetAsync() is not { } shop)
        {
            return TypedResults.Problem($"No shop '{shopId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);
        }

        var profile = WebhookProfiles.Find(shop.Settings.Webhooks.Profile)
            ?? throw new InvalidOperationException($"Shop '{shopId}' names webhook profile '{shop.Settings.Webhooks.Profile}', which does not exist.");
        IngressMeasurement.Note(request.HttpContext, shopId, profile.Name);
        var delivery = new WebhookRequest(
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, request.ContentType);
        if (profile.IsUnsignedPing(delivery))
        {
            return limits.TryCountFailure(shopId)
                ? TypedResults.Ok(new WebhookAnswer(null, null, null, "ignored", Duplicate: false, "a ping: nothing to do"))
                : TooManyFailures(request);
        }

        if (Verify(profile, delivery, shop.Settings.Webhooks, timeProvider.GetUtcNow(), shopTime.GetUtcNow()) is { } failure)
        {
            return limits.TryCountFailure(shopId) ? BadSignature(request, failure.Reason) : TooManyFailures(request);
        }

        if (!limits.TryAcceptVerified(shopId))
        {
            return RateLimited(request, "This shop sends more webhooks than its rate allows; retry shortly.");
        }

        MappedDelivery mapped;
        try
        {
            mapped = profile.Map(delivery);
        }
        catch (WebhookPayloadException exception)
        {
            return JsonRequest.Invalid(exception.Field, exception.Message);
        }

        IngressMeasurement.NoteEvent(request.HttpContext, mapped.DedupKey);
        if (mapped.Event is not { } canonical)
        {
            return TypedResults.Ok(new WebhookAnswer(mapped.DedupKey, null, null, "ignored", Duplicate: false, "the delivery carries nothing for OrleansShop"));
        }

        if (OrderIdProblem(canonical.OrderId) is { } invalid)
        {
            return JsonRequest.Invalid("orderId", invalid);
        }

        var orderEvent = events.Create(canonical, mapped.DedupKey, profile.Name, shopId, shop.Settings);
        if (orderEvent.Order is { } order)
        {
            orderEvent = orderEvent with { Order = await verdicts.DecideAsync(shop, order, ((OrderCreated)canonical).Email, request.HttpContext.RequestAborted) };
        }

        return await ApplyOnceAsync(grains, logger, shopId, canonical.OrderId, profile.Name, mapped.DedupKey, orderEvent);
    }

    /// <summary>
    /// Applies the event to its order as one inbox-keyed turn and answers it: the original answer,
    /// flagged as a duplicate, for a delivery seen before. Shared by every webhook source. The grain's
    /// log lines carry the shop, the order and the event (<see cref="ShopLogScope"/>).
    /// </summary>
    internal static async Task<IResult> ApplyOnceAsync(
        IGrainFactory grains, ILogger logger, string shopId, string orderId, string source, string dedupKey, OrderEvent orderEvent)
    {
        using var scope = ShopLogScope.Begin(logger, shopId, orderId, dedupKey);
        var answer = await grains.GetGrain<IOrderGrain>(OrderKeys.For(shopId, orderId)).ApplyOnceAsync($"webhook/{shopId}/{source}/{dedupKey}", orderEvent);
        var value = answer.Value;
        return TypedResults.Ok(new WebhookAnswer(value.EventId, value.OrderId, value.Status, value.Outcome, answer.Duplicate, value.Detail));
    }

    /// <summary>A delivery that failed its signature (401, <c>WWW-Authenticate: Signature</c>).</summary>
    /// <summary>
    /// Whether the delivery is signed with the shop's secret, or with the one it replaced while that
    /// is still accepted (by the shop's clock, which set the window); the current secret's failure is
    /// the one told when neither is. A signature's timestamp is checked against the host's clock.
    /// </summary>
    private static SignatureFailure? Verify(IWebhookProfile profile, WebhookRequest delivery, WebhookSettings webhooks, DateTimeOffset now, DateTimeOffset shopNow)
    {
        SignatureFailure? first = null;
        foreach (var secret in webhooks.AcceptedSecrets(shopNow))
        {
            if (profile.Verify(delivery, secret, now) is not { } failure)
            {
                return null;
            }

            first ??= failure;
        }

        return first;
    }

    internal static ProblemHttpResult BadSignature(HttpRequest request, string reason)
    {
        request.HttpContext.Response.Headers.WWWAuthenticate = "Signature";
        return TypedResults.Problem(reason, statusCode: StatusCodes.Status401Unauthorized, title: "Bad signature", type: ProblemTypes.BadSignature);
    }

    /// <summary>Failures to this shop's address are over their own rate: the shop's verified deliveries are not affected.</summary>
    internal static ProblemHttpResult TooManyFailures(HttpRequest request) =>
        RateLimited(request, "Too many deliveries to this shop fail their signature; retry shortly. Signed deliveries are not limited by them.");

    internal static ProblemHttpResult RateLimited(HttpRequest request, string detail)
    {
        request.HttpContext.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", type: ProblemTypes.RateLimited);
    }

    internal static string? OrderIdProblem(string orderId) =>
        orderId.Length is 0 or > 128 ? "An order id is 1 to 128 characters."
        : orderId.Any(char.IsControl) ? "An order id has no control characters."
        : null;

    /// <summary>docs/http-api.md's webhook answer; <c>detail</c> says why an event was ignored or rejected.</summary>
    internal sealed record WebhookAnswer(string? EventId, string? OrderId, string? Status, string Outcome, bool Duplicate, string? Detail);
}
