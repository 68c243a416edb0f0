namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>How a call to Utánvét Ellenőr ended, as its caller (checkout, or the outbox dispatcher) needs to know it.</summary>
public enum UtanvetEllenorOutcome
{
    /// <summary>
    /// The provider answered: a request with what it knows (which may be nothing, see
    /// <see cref="UtanvetEllenorFinding"/>), a signal taken.
    /// </summary>
    Accepted,

    /// <summary>
    /// The account's quota for the billing period is used up (status 402). Retrying within minutes
    /// cannot help; only the shop's next period or a bigger plan can. Checkout fails open; a signal
    /// can wait for hours or go to dead letters.
    /// </summary>
    QuotaExhausted,

    /// <summary>Worth trying again later: HTTP 5xx, 408, 429, timeouts, unreachable, broken connections, unreadable answers.</summary>
    Retryable,

    /// <summary>Retrying cannot help until someone fixes the keys, the base address or the request; or, for a signal, the buyer opted out.</summary>
    Permanent,
}
