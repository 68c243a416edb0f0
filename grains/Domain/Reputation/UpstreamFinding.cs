namespace OrleansShop.Grains.Reputation;

/// <summary>What the upstream reputation provider (Utánvét Ellenőr) said about an address, or why it said nothing.</summary>
public enum UpstreamStatus
{
    /// <summary>It has signals: its counts are merged with the network's own.</summary>
    Signals,

    /// <summary>No shop reported the address there: unknown upstream.</summary>
    NoSignals,

    /// <summary>A temporary e-mail address or a mailbox that does not exist.</summary>
    UndeliverableMailbox,

    /// <summary>The buyer opted out of the provider's processing; it says nothing about them.</summary>
    OptedOut,

    /// <summary>Down, too slow, unreadable or refusing the keys: checkout fails open on the network's record.</summary>
    Unavailable,

    /// <summary>The shop's quota is used up (402): checkout fails open on the network's record.</summary>
    QuotaExhausted,
}

/// <summary>One upstream answer, as checkout merges it and the cache keeps it. No personal data: counts and a meaning.</summary>
/// <param name="RatePercent">The provider's own rate in percent (converted from its −1…+1 scale), when it gave one.</param>
/// <param name="Detail">What happened, in English; never the address, a key or the provider's body.</param>
public sealed record UpstreamFinding(UpstreamStatus Status, int Collected, int NotCollected, decimal? RatePercent, string Detail)
{
    /// <summary>The provider answered (whatever it knew): worth caching and merging; a failure is neither.</summary>
    public bool Answered => Status is not (UpstreamStatus.Unavailable or UpstreamStatus.QuotaExhausted);
}
