using OrleansShop.Silo.Webhooks.Payloads;
using OrleansShop.Silo.Webhooks.Signatures;

namespace OrleansShop.Silo.Webhooks.Profiles;

/// <summary>
/// The <c>ideasoft</c> profile: order webhooks signed in <c>X-Ideashop-Hmac-Sha256</c>
/// (base64 HMAC-SHA256 of the raw body with the app's client secret, per Ideasoft's webhook
/// documentation). Ideasoft waits ten seconds per attempt and deletes the subscription once its
/// attempts run out, so anything it may legitimately send must map, even if to no event.
/// </summary>
internal sealed class IdeasoftProfile : IWebhookProfile
{
    public const string SignatureHeader = "X-Ideashop-Hmac-Sha256";

    /// <summary>
    /// ASSUMPTION: Ideasoft's documentation lists the topics (<c>order/create</c>, <c>order/update</c>,
    /// ...) but not how a delivery names its topic, and the order payload has no topic field. We
    /// expect it in this header; if Ideasoft sends none, whoever registers the subscription must make
    /// the topic reach it (for example from a per-topic address).
    /// </summary>
    public const string TopicHeader = "X-Ideashop-Topic";

    public string Name => WebhookProfileNames.Ideasoft;

    public SignatureFailure? Verify(WebhookRequest request, string secret, DateTimeOffset now) =>
        BodyHmacSignature.Verify(secret, SignatureHeader, request.Get(SignatureHeader), request.Body.Span);

    public bool IsUnsignedPing(WebhookRequest request) => false;

    public MappedDelivery Map(WebhookRequest request)
    {
        var topic = request.RequiredValue(TopicHeader);
        if (topic is not (IdeasoftOrder.CreatedTopic or IdeasoftOrder.UpdatedTopic))
        {
            return new MappedDelivery($"{topic}|{JsonPayload.Fingerprint(request.Body)}", null);
        }

        using var document = JsonPayload.Parse(request.Body);
        var order = PayloadValue.Root(document);
        var dedupKey = IdeasoftOrder.DedupKey(topic, order, request.Body);
        return topic == IdeasoftOrder.CreatedTopic
            ? new MappedDelivery(dedupKey, IdeasoftOrder.Created(order))
            : new MappedDelivery(dedupKey, IdeasoftOrder.Updated(order));
    }
}
