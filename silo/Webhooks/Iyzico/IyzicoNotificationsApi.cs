using OrleansShop.Effects;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Endpoints;
using OrleansShop.Silo.Http;
using OrleansShop.Silo.Observability;
using OrleansShop.Silo.Problems;

namespace OrleansShop.Silo.Webhooks.Iyzico;

/// <summary>
/// <c>POST /v1/shops/{shopId}/payments/iyzico</c>: iyzico's merchant notifications, a webhook source
/// of their own. Verified with the shop's iyzico secret key, deduplicated on <c>iyziReferenceCode</c>
/// (iyzico retries every 15 minutes, 3 times), and answered like webhooks.
/// </summary>
internal static class IyzicoNotificationsApi
{
    public static IEndpointRouteBuilder MapIyzicoNotifications(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/shops/{shopId}/payments/iyzico", ReceiveAsync).AddEndpointFilter<IngressMeasurement>();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(string shopId, HttpRequest request, IGrainFactory grains, WebhookRateLimits limits, ILogger<ShopLogScope> logger)
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

        IngressMeasurement.Note(request.HttpContext, shopId, IyzicoNotification.Provider);
        IResult Refused(string reason) => limits.TryCountFailure(shopId) ? WebhookIngress.BadSignature(request, reason) : WebhookIngress.TooManyFailures(request);

        var signature = request.Headers[IyzicoSignature.Header].ToString();
        if (string.IsNullOrWhiteSpace(signature))
        {
            return Refused($"The {IyzicoSignature.Header} header is missing.");
        }

        IyzicoNotification notification;
        try
        {
            notification = IyzicoNotification.Parse(body);
        }
        catch (WebhookPayloadException exception)
        {
            return JsonRequest.Invalid(exception.Field, exception.Message);
        }

        IngressMeasurement.NoteEvent(request.HttpContext, notification.ReferenceCode);
        if (SecretKey(shop.Settings) is not { } secretKey)
        {
            return Refused("The shop has no iyzico secret key (payments.iyzico.secretKey) to verify notifications with.");
        }

        if (IyzicoSignature.Verify(secretKey, signature, notification) is { } failure)
        {
            return Refused(failure.Reason);
        }

        if (!limits.TryAcceptVerified(shopId))
        {
            return WebhookIngress.RateLimited(request, "This shop sends more notifications than its rate allows; retry shortly.");
        }

        if (WebhookIngress.OrderIdProblem(notification.ConversationId) is { } invalid)
        {
            return JsonRequest.Invalid("paymentConversationId", invalid);
        }

        return await WebhookIngress.ApplyOnceAsync(grains, logger, shopId, notification.ConversationId, IyzicoNotification.Provider, notification.ReferenceCode, notification.ToOrderEvent());
    }

    private static string? SecretKey(ShopSettings settings) =>
        settings.Credentials.TryGetValue("payments", out var payments)
        && payments.TryGetProperty("iyzico", out var iyzico)
        && iyzico.ValueKind == System.Text.Json.JsonValueKind.Object
        && iyzico.TryGetProperty("secretKey", out var key)
        && key.ValueKind == System.Text.Json.JsonValueKind.String
            ? key.GetString()
            : null;
}
