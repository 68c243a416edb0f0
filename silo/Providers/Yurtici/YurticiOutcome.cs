namespace OrleansShop.Silo.Providers.Yurtici;

/// <summary>How a Yurtiçi call ended, as the outbox dispatcher needs to know it.</summary>
public enum YurticiOutcome
{
    /// <summary>Yurtiçi did what was asked.</summary>
    Accepted,

    /// <summary>Error 60020: the cargo key exists — an earlier attempt created the shipment and its answer was lost.</summary>
    AlreadyCreated,

    /// <summary>
    /// Worth trying again later: HTTP 5xx, server faults, timeouts, unreachable, unreadable answers,
    /// Yurtiçi's error 936 (unexpected) and a query refused for coming within a minute of the last.
    /// </summary>
    Retryable,

    /// <summary>Retrying cannot help until someone fixes the credentials or the shipment's data.</summary>
    Permanent,
}

/// <param name="Code">Yurtiçi's <c>errCode</c>, or null when there was none to read.</param>
/// <param name="Meaning">Why, in words that quote nothing of the request or the answer.</param>
public sealed record YurticiCreateResult(YurticiOutcome Outcome, string? Code, string Meaning, string? JobId);

public sealed record YurticiQueryResult(YurticiOutcome Outcome, string? Code, string Meaning, YurticiTracking? Tracking);
