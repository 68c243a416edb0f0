namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>How a call to Trusted Shops ended, as the outbox dispatcher needs to know it.</summary>
public enum TrustedShopsOutcome
{
    /// <summary>Taken: eTrusted accepted the event, or the protection has its number.</summary>
    Accepted,

    /// <summary>Worth trying again later: HTTP 5xx, 408, 429, timeouts, unreachable, broken connections, unreadable answers.</summary>
    Retryable,

    /// <summary>Retrying cannot help until someone fixes the credentials, the channel, the address or the request.</summary>
    Permanent,
}

/// <summary>
/// The end of one call. <see cref="Meaning"/> says what happened in a few words: it never carries a
/// credential or the buyer's address, and quotes an error's <c>Message</c> only when it quotes no address.
/// </summary>
/// <param name="Reference">eTrusted's EventRef, or the protection number; null when the answer had none.</param>
public sealed record TrustedShopsResult(TrustedShopsOutcome Outcome, int? Status, string? Reference, string Meaning)
{
    public static TrustedShopsResult Retryable(string meaning, int? status = null) => new(TrustedShopsOutcome.Retryable, status, null, meaning);

    public static TrustedShopsResult Permanent(string meaning, int? status = null) => new(TrustedShopsOutcome.Permanent, status, null, meaning);

    /// <summary>How a status that is no success reads: 408, 429 and 5xx pass, the rest is the request's or the account's fault.</summary>
    internal static TrustedShopsResult Failed(int status, string meaning) =>
        status is 408 or 429 or >= 500 ? Retryable(meaning, status) : Permanent(meaning, status);
}
