using OrleansShop.Effects;

namespace OrleansShop.Grains.Sms;

/// <summary>
/// One inbound SMS, matched once. Key: the gateway's message id. Called with the message id as
/// the inbox key, so a gateway that delivers the same reply twice gets the same answer.
/// </summary>
public interface ISmsReplyGrain : IGrainWithStringKey
{
    Task<SmsReplyAnswer> HandleAsync(InboundSms reply);

    /// <summary><see cref="HandleAsync"/> at most once per <paramref name="inboxKey"/>: a repeat gets the first answer, flagged a duplicate.</summary>
    Task<InboxAnswer<SmsReplyAnswer>> HandleOnceAsync(string inboxKey, InboundSms reply);
}
