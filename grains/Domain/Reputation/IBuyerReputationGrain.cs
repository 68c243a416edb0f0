using OrleansShop.Effects;

namespace OrleansShop.Grains.Reputation;

/// <summary>
/// One buyer's record across every shop of the network. Key: the keyed hash of the buyer's
/// normalised e-mail (never the address). Contributions are kept by (shop, order), so a report
/// delivered twice changes nothing and a corrected outcome replaces the earlier one.
/// </summary>
public interface IBuyerReputationGrain : IGrainWithStringKey
{
    Task RecordAsync(Contribution contribution);

    Task<ReputationView> GetAsync();

    /// <summary>Removes every contribution (GDPR erasure); answers how many there were.</summary>
    Task<int> EraseAsync();
}

public enum Outcome
{
    Collected,
    NotCollected,
}

/// <param name="Revision">The order's report revision: a contribution older than the one held is stale (the outbox does not keep order).</param>
public sealed record Contribution(string ShopId, string OrderId, Outcome Outcome, DateTimeOffset ReportedAt, int Revision = 0);

/// <summary>docs/http-api.md's <c>reputation</c>: counts and the collected rate in percent (two decimals).</summary>
[Immutable]
public sealed record ReputationView(bool Known, int Collected, int NotCollected, decimal? RatePercent)
{
    public static ReputationView From(int collected, int notCollected) =>
        collected + notCollected == 0
            ? new(false, 0, 0, null)
            : new(true, collected, notCollected, Math.Round(100m * collected / (collected + notCollected), 2, MidpointRounding.AwayFromZero));
}
