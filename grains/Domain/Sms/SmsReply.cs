namespace OrleansShop.Grains.Sms;

/// <summary>What a buyer's SMS reply says: a confirmation of the order with <see cref="Reference"/>, or why not.</summary>
/// <param name="Reference">The reference as <see cref="SmsReplyParser.NormalizeReference"/> writes it; null unless a confirmation.</param>
/// <param name="Reason">One of <see cref="SmsReplyReasons"/>; null for a confirmation.</param>
public sealed record SmsReply(bool IsConfirmation, string? Reference, string? Reason)
{
    internal static SmsReply Confirms(string reference) => new(true, reference, null);

    internal static SmsReply Not(string reason) => new(false, null, reason);
}

/// <summary>Why a reply is not a confirmation; the inbound SMS API answers them as <c>reason</c>.</summary>
public static class SmsReplyReasons
{
    public const string Empty = "empty reply";
    public const string WrongKeyword = "reply does not start with the confirmation keyword";
    public const string MissingReference = "keyword without an order reference";
}
