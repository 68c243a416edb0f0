namespace OrleansShop.Grains.Reputation;

/// <summary>
/// The cash-on-delivery decision on a COD order, made once as it arrives (docs/http-api.md's
/// <c>codVerdict</c>): the buyer's record against the shop's threshold, the figures it was decided
/// on and where each came from, and what the shop's <c>reputation.belowThreshold</c> made of it.
/// </summary>
/// <param name="Allowed">Whether the buyer meets the shop's threshold; a buyer with no record does.</param>
/// <param name="Action">What the order does about it: one of <see cref="CodActions"/>.</param>
/// <param name="Collected">The counts decided on: the network's, plus the upstream provider's when it answered.</param>
/// <param name="Network">The network's own record of the buyer.</param>
/// <param name="Upstream">Only for a shop with an upstream provider: what it said, or why it said nothing.</param>
/// <param name="Reasons">Why, in English, as the checkout answer gives them.</param>
public sealed record CodVerdict(
    bool Allowed,
    string Action,
    int ThresholdPercent,
    int Collected,
    int NotCollected,
    decimal? RatePercent,
    ReputationView Network,
    CodVerdictUpstream? Upstream,
    IReadOnlyList<string> Reasons)
{
    /// <summary>One sentence for the order's history.</summary>
    public string Summary()
    {
        var decided = string.Join("; ", Reasons);
        return Action switch
        {
            CodActions.Flag => $"COD verdict: below the threshold, flagged ({decided})",
            CodActions.Hold => $"COD verdict: below the threshold, held for the merchant's decision ({decided})",
            CodActions.Cancel => $"COD verdict: below the threshold, cancelled as the shop's settings say ({decided})",
            _ => $"COD verdict: allowed ({decided})",
        };
    }
}

/// <summary>The upstream provider's part of a verdict: its status, its own counts and rate, and whether they came from the cache.</summary>
public sealed record CodVerdictUpstream(UpstreamStatus Status, int Collected, int NotCollected, decimal? RatePercent, bool Cached);

/// <summary>What a COD order below the shop's threshold does (<c>reputation.belowThreshold</c>), and <see cref="None"/> for a buyer who meets it.</summary>
public static class CodActions
{
    public const string None = "none";

    /// <summary>Recorded on the order and reported; the order goes on as any other (the default).</summary>
    public const string Flag = "flag";

    /// <summary>The order is <c>Held</c> until the merchant releases, confirms or cancels it.</summary>
    public const string Hold = "hold";

    /// <summary>The order is cancelled as it arrives.</summary>
    public const string Cancel = "cancel";

    /// <summary>The values a shop may choose.</summary>
    public static IReadOnlyList<string> BelowThreshold { get; } = [Flag, Hold, Cancel];
}
