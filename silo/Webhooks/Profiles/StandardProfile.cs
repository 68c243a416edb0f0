using OrleansShop.Silo.Webhooks.Payloads;
using OrleansShop.Silo.Webhooks.Signatures;

namespace OrleansShop.Silo.Webhooks.Profiles;

/// <summary>
/// The <c>standard</c> profile: Standard Webhooks signatures around OrleansShop's own canonical
/// events (<c>{"type": ..., "data": {...}}</c>). The <c>webhook-id</c> header is the dedup key.
/// </summary>
internal sealed class StandardProfile : IWebhookProfile
{
    public string Name => WebhookProfileNames.Standard;

    public SignatureFailure? Verify(WebhookRequest request, string secret, DateTimeOffset now) =>
        StandardWebhookSignature.Verify(
            secret,
            request.Get(StandardWebhookSignature.IdHeader),
            request.Get(StandardWebhookSignature.TimestampHeader),
            request.Get(StandardWebhookSignature.SignatureHeader),
            request.Body.Span,
            now);

    public bool IsUnsignedPing(WebhookRequest request) => false;

    public MappedDelivery Map(WebhookRequest request)
    {
        var dedupKey = request.RequiredValue(StandardWebhookSignature.IdHeader);
        using var document = JsonPayload.Parse(request.Body);
        var root = PayloadValue.Root(document);
        var type = root.Required("type");
        var data = root.Required("data").AsObject();
        CanonicalEvent canonical = type.AsIdentifier() switch
        {
            "order.created" => StandardEvents.OrderCreated(data),
            "order.status_changed" => StandardEvents.OrderStatusChanged(data),
            "payment.succeeded" => StandardEvents.PaymentSucceeded(data),
            "shipment.updated" => StandardEvents.ShipmentUpdated(data),
            _ => throw type.Fail("is not order.created, order.status_changed, payment.succeeded or shipment.updated."),
        };
        return new MappedDelivery(dedupKey, canonical);
    }
}
