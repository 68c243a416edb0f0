namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>How a Netgsm call ended, as the outbox dispatcher needs to know it.</summary>
public enum NetgsmOutcome
{
    /// <summary>Netgsm did what was asked: took the SMS for delivery, or listed the inbox.</summary>
    Accepted,

    /// <summary>Worth trying again later: rate limits, Netgsm's system errors, HTTP 5xx, timeouts, unreachable, unreadable answers.</summary>
    Retryable,

    /// <summary>Retrying cannot help until someone fixes credentials, sender header, IYS setup or the request.</summary>
    Permanent,
}
