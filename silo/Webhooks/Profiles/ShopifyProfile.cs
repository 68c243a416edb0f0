using OrleansShop.Silo.Webhooks.Payloads;
using OrleansShop.Silo.Webhooks.Signatures;

namespace OrleansShop.Silo.Webhooks.Profiles;

/// <summary>
/// The <c>shopify</c> profile: order webhooks signed in <c>X-Shopify-Hmac-Sha256</c>. The topic header
/// says what happened; the body is the whole order as it stands after the change.
/// </summary>
internal sealed class ShopifyProfile : IWebhookProfile
{
    public const string SignatureHeader = "X-Shopify-Hmac-Sha256";
    public const string TopicHeader = "X-Shopify-Topic";

    /// <summary>Shared by every delivery of one merchant action, retries included: the dedup key.</summary>
    public const string EventIdHeader = "X-Shopify-Event-Id";

    /// <summary>Per delivery; only a fallback for deliveries that lack the event id.</summary>
    public const string WebhookIdHeader = "X-Shopify-Webhook-Id";

    public string Name => WebhookProfileNames.Shopify;

    public SignatureFailure? Verify(WebhookRequest request, string secret, DateTimeOffset now) =>
        BodyHmacSignature.Verify(secret, SignatureHeader, request.Get(SignatureHeader), request.Body.Span);

    public bool IsUnsignedPing(WebhookRequest request) => false;

    public MappedDelivery Map(WebhookRequest request)
    {
        var topic = request.RequiredValue(TopicHeader);
        var eventId = request.OptionalValue(EventIdHeader)
            ?? request.OptionalValue(WebhookIdHeader)
            ?? throw new WebhookPayloadException(EventIdHeader, $"The {EventIdHeader} header is required.");
        var dedupKey = $"{topic}|{eventId}";
        if (!ShopifyOrder.Topics.Contains(topic))
        {
            return new MappedDelivery(dedupKey, null);
        }

        using var document = JsonPayload.Parse(request.Body);
        var order = PayloadValue.Root(document);
        CanonicalEvent? canonical = topic switch
        {
            "orders/create" => ShopifyOrder.Created(order),
            "orders/paid" => ShopifyOrder.Paid(order),
            "orders/fulfilled" => ShopifyOrder.StatusChanged(order, CanonicalStatuses.Shipped),
            "orders/cancelled" => ShopifyOrder.StatusChanged(order, CanonicalStatuses.Cancelled),
            _ => ShopifyOrder.Updated(order),
        };
        return new MappedDelivery(dedupKey, canonical);
    }
}
