namespace OrleansShop.Silo.Webhooks;

/// <summary>One delivery as it arrived: headers (case-insensitive names) and the raw body bytes.</summary>
public sealed record WebhookRequest(IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body, string? ContentType);

/// <summary>
/// What a delivery means once verified: the key the profile deduplicates on, and its canonical
/// event. <see cref="Event"/> is null when the delivery carries nothing for OrleansShop (a
/// WooCommerce creation ping, a Shopify topic we do not use).
/// </summary>
public sealed record MappedDelivery(string DedupKey, CanonicalEvent? Event);

/// <summary>A signature check that failed, and why (for the 401 problem's detail; never echoes secrets).</summary>
public sealed record SignatureFailure(string Reason);

/// <summary>
/// A webhook profile (docs/http-api.md, Webhooks): how a platform signs its deliveries and how its
/// payloads read. One implementation per profile: standard, shopify, woocommerce, ideasoft.
/// </summary>
public interface IWebhookProfile
{
    /// <summary><c>standard</c>, <c>shopify</c>, <c>woocommerce</c> or <c>ideasoft</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Verifies the signature over the raw bytes, before anything is parsed, in constant time.
    /// Returns null when valid. <paramref name="now"/> is for profiles with a timestamp (±5 minutes).
    /// </summary>
    SignatureFailure? Verify(WebhookRequest request, string secret, DateTimeOffset now);

    /// <summary>
    /// True for a delivery the platform sends unsigned and expects a 200 for, which carries no
    /// order (WooCommerce's creation ping: form-encoded <c>webhook_id=N</c>). Checked before
    /// <see cref="Verify"/>; such a delivery is answered 200 and nothing is stored.
    /// </summary>
    bool IsUnsignedPing(WebhookRequest request);

    /// <summary>Maps a verified delivery. Throws <see cref="WebhookPayloadException"/> for a malformed body.</summary>
    MappedDelivery Map(WebhookRequest request);
}

/// <summary>A body that cannot be read: answered 400 with <see cref="Field"/> named in the problem's <c>errors</c>.</summary>
public sealed class WebhookPayloadException : Exception
{
    public WebhookPayloadException()
    {
    }

    public WebhookPayloadException(string message)
        : base(message)
    {
    }

    public WebhookPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WebhookPayloadException(string field, string message)
        : base(message) => Field = field;

    /// <summary>The JSON path or header at fault (<c>data.orderId</c>, <c>X-Shopify-Topic</c>, <c>body</c>).</summary>
    public string Field { get; } = "body";
}
