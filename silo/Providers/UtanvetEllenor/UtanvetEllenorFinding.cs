namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>What an accepted reputation request found, from the answer's <c>status</c>.</summary>
public enum UtanvetEllenorFinding
{
    /// <summary>Status 200: the provider has signals (or a shop exception, or a test address) and gave counts and a reputation.</summary>
    Signals,

    /// <summary>Status 404: no shop has reported this address. Known to be unknown, not an error: a new buyer.</summary>
    NoSignals,

    /// <summary>Status 204: a disposable (temporary) e-mail address, or a mailbox that does not exist.</summary>
    UndeliverableMailbox,

    /// <summary>Status 451: the buyer opted out of the provider's processing; it says nothing about them.</summary>
    OptedOut,
}
