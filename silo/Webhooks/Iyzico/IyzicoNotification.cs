using System.Text.Json;
using OrleansShop.Grains.Orders;
using OrleansShop.Silo.Webhooks.Payloads;

namespace OrleansShop.Silo.Webhooks.Iyzico;

/// <summary>
/// One iyzico merchant notification. <see cref="ConversationId"/> is the <c>paymentConversationId</c>
/// the shop gave iyzico when it started the payment: OrleansShop reads it as the order id.
/// <see cref="Token"/> is set for the hosted checkout form only.
/// </summary>
internal sealed record IyzicoNotification(
    string EventType,
    string? PaymentId,
    string? IyziPaymentId,
    string? Token,
    string ConversationId,
    string Status,
    string ReferenceCode)
{
    public const string Provider = "iyzico";

    /// <summary>Reads the body; throws <see cref="WebhookPayloadException"/> naming the field at fault.</summary>
    public static IyzicoNotification Parse(ReadOnlyMemory<byte> body)
    {
        using var document = JsonPayload.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException("body", "An iyzico notification is a JSON object.");
        }

        var notification = new IyzicoNotification(
            Required(root, "iyziEventType"), Text(root, "paymentId"), Text(root, "iyziPaymentId"), Text(root, "token"),
            Required(root, "paymentConversationId"), Required(root, "status"), Required(root, "iyziReferenceCode"));
        return notification switch
        {
            { Token: not null, IyziPaymentId: null } => throw new WebhookPayloadException("iyziPaymentId", "A checkout-form notification (with a token) needs iyziPaymentId."),
            { Token: null, PaymentId: null } => throw new WebhookPayloadException("paymentId", "A direct-payment notification needs paymentId."),
            _ => notification,
        };
    }

    /// <summary>
    /// SUCCESS pays the order; FAILURE and the INIT_* steps are recorded without moving it. iyzico's
    /// event time is another clock than the shop platform's, so it is never compared for staleness.
    /// </summary>
    public OrderEvent ToOrderEvent() => new()
    {
        EventId = $"{Provider}/{ReferenceCode}",
        Source = Provider,
        Name = Status switch
        {
            "SUCCESS" => "payment.succeeded",
            "FAILURE" => "payment.failed",
            _ => "payment.initiated",
        },
        Trigger = Status == "SUCCESS" ? OrderTrigger.Paid : null,
        RawStatus = Status,
        Payment = new PaymentFact(null, Provider, PaymentId ?? IyziPaymentId!),
    };

    private static string Required(JsonElement root, string name) =>
        Text(root, name) ?? throw new WebhookPayloadException(name, $"{name} is required.");

    /// <summary>A string or number field as iyzico wrote it (its ids come as either); null when absent or empty.</summary>
    private static string? Text(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString() is { Length: > 0 and <= 256 } text ? text : null
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : null;
}
