using OrleansShop.Effects;

namespace OrleansShop.Grains.Reputation;

/// <summary>
/// The network report of one COD order. Key: the order's key. Exactly one outcome per order:
/// reporting the same outcome again changes nothing; a different one (a correction) replaces it.
/// When the shop has an upstream provider, each outcome change also goes there as a signal.
/// </summary>
public interface IReputationReportGrain : IGrainWithStringKey
{
    /// <param name="sealedEmail">The order's sealed address when the outcome must be signalled upstream; null otherwise.</param>
    /// <param name="revision">
    /// The order's count of reports so far, this one included. The outbox does not keep messages in
    /// order, so a report older than the one already taken is stale and changes nothing.
    /// </param>
    Task ReportAsync(string emailHash, Outcome outcome, DateTimeOffset at, string? sealedEmail, int revision);

    /// <summary>Whether the signal call <paramref name="idempotencyKey"/> still carries the order's outcome (no correction superseded it).</summary>
    Task<bool> IsCurrentSignalAsync(string idempotencyKey);

    /// <summary>The outbox's reply to a signal call: delivered, or dead-lettered.</summary>
    Task OnSignalResultAsync(ExternalCallResult result);
}

public sealed record ReputationReportState
{
    public string? EmailHash { get; init; }

    public Outcome? Outcome { get; init; }

    public DateTimeOffset? ReportedAt { get; init; }

    public int Corrections { get; init; }

    /// <summary>The order's revision of the outcome held (see <see cref="IReputationReportGrain.ReportAsync"/>).</summary>
    public int Revision { get; init; }

    /// <summary>The idempotency key of the latest signal call; never the address, which lives only in the call.</summary>
    public string? SignalCall { get; init; }
}
