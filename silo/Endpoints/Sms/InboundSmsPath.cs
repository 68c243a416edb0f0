using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Sms;

namespace OrleansShop.Silo.Endpoints.Sms;

/// <summary>
/// The one path of every buyer reply — pushed to <c>/v1/sms/inbound</c>, polled from a gateway's
/// inbox, or typed into the sandbox: normalise the sender (a national number takes
/// <see cref="SmsOptions.DefaultCallingCode"/>), then match once per message id.
/// </summary>
internal sealed class InboundSmsPath(IGrainFactory grains, IOptions<SmsOptions> options)
{
    private readonly string _defaultCallingCode = options.Value.DefaultCallingCode;

    public async Task<InboundAnswer> HandleAsync(string from, string? to, string text, string messageId, DateTimeOffset receivedAt)
    {
        if (PhoneNumbers.ToE164(from, _defaultCallingCode) is not { } sender)
        {
            return new InboundAnswer(false, null, null, null, "the sender is not a phone number", Duplicate: false);
        }

        var reply = new InboundSms(sender, to, text, messageId, receivedAt);
        var answer = await grains.GetGrain<ISmsReplyGrain>(messageId).HandleOnceAsync($"sms-inbound/{messageId}", reply);
        var value = answer.Value;
        return new InboundAnswer(value.Matched, value.ShopId, value.OrderId, value.Status, value.Reason, answer.Duplicate);
    }
}

/// <summary>docs/http-api.md's answer; <c>duplicate</c> is an addition, true for a reply already handled.</summary>
internal sealed record InboundAnswer(bool Matched, string? ShopId, string? OrderId, string? Status, string? Reason, bool Duplicate);
