using System.Text;
using OrleansShop.Silo.Webhooks.Payloads;
using OrleansShop.Silo.Webhooks.Signatures;

namespace OrleansShop.Silo.Webhooks.Profiles;

/// <summary>
/// The <c>woocommerce</c> profile: <c>order.created</c> and <c>order.updated</c> signed in
/// <c>X-WC-Webhook-Signature</c>. WooCommerce never retries and disables a webhook after five
/// failures in a row, so anything it may legitimately send must map, even if to no event.
/// </summary>
internal sealed class WooCommerceProfile : IWebhookProfile
{
    public const string SignatureHeader = "X-WC-Webhook-Signature";
    public const string TopicHeader = "X-WC-Webhook-Topic";

    private const string PingPrefix = "webhook_id=";
    private const int MaxPingIdDigits = 20;

    public string Name => WebhookProfileNames.WooCommerce;

    public SignatureFailure? Verify(WebhookRequest request, string secret, DateTimeOffset now) =>
        BodyHmacSignature.Verify(secret, SignatureHeader, request.Get(SignatureHeader), request.Body.Span);

    /// <summary>
    /// The ping WooCommerce sends when a webhook is saved: form-encoded <c>webhook_id=N</c>, no
    /// signature. Anything else, a signed body included, goes through verification.
    /// </summary>
    public bool IsUnsignedPing(WebhookRequest request)
    {
        if (!string.IsNullOrEmpty(request.Get(SignatureHeader)))
        {
            return false;
        }

        var body = request.Body.Span.TrimEnd("\r\n "u8);
        if (!body.StartsWith(Encoding.ASCII.GetBytes(PingPrefix)))
        {
            return false;
        }

        var id = body[PingPrefix.Length..];
        return id.Length is > 0 and <= MaxPingIdDigits && !id.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    public MappedDelivery Map(WebhookRequest request)
    {
        var topic = request.RequiredValue(TopicHeader);
        if (topic is not (WooCommerceOrder.CreatedTopic or WooCommerceOrder.UpdatedTopic))
        {
            return new MappedDelivery($"{topic}|{JsonPayload.Fingerprint(request.Body)}", null);
        }

        using var document = JsonPayload.Parse(request.Body);
        var order = PayloadValue.Root(document);
        return topic == WooCommerceOrder.CreatedTopic
            ? new MappedDelivery(WooCommerceOrder.DedupKey(topic, order), WooCommerceOrder.Created(order))
            : new MappedDelivery(WooCommerceOrder.DedupKey(topic, order), WooCommerceOrder.Updated(order));
    }
}
