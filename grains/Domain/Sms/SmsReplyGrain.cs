using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Storage;

namespace OrleansShop.Grains.Sms;

public sealed record SmsReplyState
{
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The sender with all but its last two digits hidden: a record for operators, not a phone book.</summary>
    public string SenderMasked { get; init; } = string.Empty;

    public SmsReplyAnswer? Answer { get; init; }
}

/// <summary>
/// Matches a reply to the one order awaiting confirmation from that phone whose shop keyword and
/// reference the reply carries. None is unmatched, more than one (one phone, one reference, two
/// shops) is ambiguous; both are recorded and answered with the reason.
/// </summary>
public sealed class SmsReplyGrain([PersistentState("smsreply")] IPersistentState<GrainRecord<SmsReplyState>> state, IGrainIndexReader index) : EffectGrain<SmsReplyState>(state), ISmsReplyGrain
{
    public async Task<SmsReplyAnswer> HandleAsync(InboundSms reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var answer = await MatchAsync(reply);
        State = new SmsReplyState { ReceivedAt = reply.ReceivedAt, SenderMasked = Mask(reply.From), Answer = answer };
        await WriteStateAsync();
        return answer;
    }

    public Task<InboxAnswer<SmsReplyAnswer>> HandleOnceAsync(string inboxKey, InboundSms reply) => OnceAsync(inboxKey, () => HandleAsync(reply));

    private async Task<SmsReplyAnswer> MatchAsync(InboundSms reply)
    {
        var waiting = (await index.QueryAsync(new IndexQuery(SmsNames.AwaitingIndex, reply.From, Limit: 50), CancellationToken.None))
            .Select(e => (e.GrainKey, Order: JsonSerializer.Deserialize<AwaitingReply>(e.Summary, GrainJson.Options)!))
            .ToList();
        if (waiting.Count == 0)
        {
            return Unmatched("no order awaits confirmation from this number");
        }

        var parsed = waiting.Select(w => (w.GrainKey, w.Order, Reply: SmsReplyParser.Parse(reply.Text, w.Order.Keyword))).ToList();
        var matches = parsed.Where(p => p.Reply.IsConfirmation && string.Equals(p.Reply.Reference, SmsReplyParser.NormalizeReference(p.Order.Reference), StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => await GrainFactory.GetGrain<ISmsConfirmationGrain>(matches[0].GrainKey).ConfirmAsync(reply),
            > 1 => Unmatched($"ambiguous: {matches.Count} orders from this number await confirmation with reference {matches[0].Order.Reference}"),
            _ => Unmatched(parsed.Select(p => p.Reply.Reason).FirstOrDefault(r => r is not null) ?? "the reply names no order awaiting confirmation from this number"),
        };
    }

    private static SmsReplyAnswer Unmatched(string reason) => new(false, null, null, null, reason);

    private static string Mask(string phone) => phone.Length <= 2 ? "**" : new string('*', phone.Length - 2) + phone[^2..];
}
