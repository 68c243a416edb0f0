using OrleansShop.Effects;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Grains.Sms;

/// <summary>
/// The SMS confirmation of one cash-on-delivery order. Key: the order's key, <c>{shopId}/{orderId}</c>.
/// Sends the shop's template, waits for the buyer's <c>&lt;KEYWORD&gt; &lt;reference&gt;</c>, and tells
/// the order whether it was confirmed or expired.
/// </summary>
public interface ISmsConfirmationGrain : IGrainWithStringKey
{
    /// <summary>Starts the confirmation once; later calls change nothing.</summary>
    Task StartAsync(SmsConfirmationRequest request);

    /// <summary>A reply matched to this order by phone and reference.</summary>
    Task<SmsReplyAnswer> ConfirmAsync(InboundSms reply);

    /// <summary>Sends the confirmation request again while the order still waits; false otherwise.</summary>
    Task<bool> ResendAsync();

    /// <summary>The gateway's outcome of a send (a reply to the outbox call).</summary>
    Task OnSendResultAsync(ExternalCallResult result);

    /// <summary>
    /// The order no longer waits for the buyer (the merchant confirmed or cancelled it by hand, or
    /// the shop's platform moved it on): stops the expiry and stops matching replies. Nothing is told
    /// to the order, which already knows. Later calls change nothing.
    /// </summary>
    Task StopAsync();
}

public sealed record SmsConfirmationRequest(string? Phone, string? CustomerName, string Reference, string? CountryCode, SmsSettings Settings);

/// <summary>A buyer's SMS as a gateway delivered it; <see cref="From"/> is E.164.</summary>
public sealed record InboundSms(string From, string? To, string Text, string MessageId, DateTimeOffset ReceivedAt);

/// <summary>docs/http-api.md's inbound-SMS answer.</summary>
public sealed record SmsReplyAnswer(bool Matched, string? ShopId, string? OrderId, string? Status, string? Reason);

/// <summary>What an outbox call to the SMS connector carries. The phone is E.164; the connector picks the shop's gateway.</summary>
public sealed record SmsSendPayload(string ShopId, string OrderId, string To, string Text, string Purpose);

public static class SmsNames
{
    /// <summary>The connector that sends SMS.</summary>
    public const string Connector = "sms";

    public const string Send = "send";

    /// <summary>The index of orders awaiting a reply, partitioned by the buyer's E.164 phone.</summary>
    public const string AwaitingIndex = "sms-awaiting";

    public const string ExpiryReminder = "expire";
}
