using System.Globalization;
using System.Text.Json.Serialization;
using OrleansShop.Grains.Reputation;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Endpoints.Reputation;

/// <summary>"May this buyer pay on delivery?" — the buyer's collected rate against the shop's threshold.</summary>
internal static class CodEligibility
{
    private const string Provider = "Utánvét Ellenőr";

    /// <summary>
    /// The network's record, with the upstream provider's counts added when it answered; when it did
    /// not, the network's record decides alone (fail open) and a reason says so.
    /// </summary>
    public static EligibilityAnswer Decide(ReputationView network, UpstreamAnswer? upstream, ShopSettings shop)
    {
        if (upstream is not { Finding: var finding })
        {
            return Decide(network, shop, null);
        }

        var merged = finding.Answered ? ReputationView.From(network.Collected + finding.Collected, network.NotCollected + finding.NotCollected) : network;
        var answer = Decide(merged, shop, new UpstreamView(finding.Status, finding.Collected, finding.NotCollected, finding.RatePercent, upstream.Cached));
        return answer with { Reasons = [.. answer.Reasons, Reason(finding)] };
    }

    /// <summary>
    /// The decision on a COD order as it arrives: checkout's answer on the same figures, kept on the
    /// order with what the shop's <c>reputation.belowThreshold</c> makes of a buyer below the threshold.
    /// </summary>
    public static CodVerdict Verdict(ReputationView network, UpstreamAnswer? upstream, ShopSettings shop)
    {
        var answer = Decide(network, upstream, shop);
        var decided = answer.Reputation;
        var allowed = decided is not { Known: true, RatePercent: { } rate } || rate >= answer.ThresholdPercent;
        var provider = decided.Upstream is { } u ? new CodVerdictUpstream(u.Status, u.Collected, u.NotCollected, u.RatePercent, u.Cached) : null;
        return new CodVerdict(
            allowed, allowed ? CodActions.None : shop.Reputation.BelowThreshold, answer.ThresholdPercent,
            decided.Collected, decided.NotCollected, decided.RatePercent, network, provider, answer.Reasons);
    }

    private static EligibilityAnswer Decide(ReputationView reputation, ShopSettings shop, UpstreamView? upstream)
    {
        var threshold = shop.Reputation.ThresholdPercent;
        var view = new CheckoutReputation(reputation.Known, reputation.Collected, reputation.NotCollected, reputation.RatePercent, upstream);
        if (reputation is not { Known: true, RatePercent: { } rate })
        {
            return new EligibilityAnswer(true, shop.Sms.Enabled, threshold, view, ["new buyer: no collected or uncollected parcels on record"]);
        }

        if (rate >= threshold)
        {
            return new EligibilityAnswer(true, shop.Sms.Enabled, threshold, view, [$"rate {Percent(rate)}% is at or above the threshold {threshold}%"]);
        }

        var block = shop.Reputation.BlockCodBelowThreshold;
        return new EligibilityAnswer(!block, shop.Sms.Enabled, threshold, view,
        [
            $"rate {Percent(rate)}% is below the threshold {threshold}%",
            block ? "the shop blocks cash on delivery below its threshold" : "the shop allows cash on delivery below its threshold",
        ]);
    }

    private static string Reason(UpstreamFinding finding) => finding.Status switch
    {
        UpstreamStatus.Signals => $"{Provider}: {finding.Collected} collected and {finding.NotCollected} not collected, counted with the network's record",
        UpstreamStatus.NoSignals => $"{Provider} has no signals about this buyer (unknown upstream)",
        UpstreamStatus.UndeliverableMailbox => $"{Provider}: a temporary e-mail address or a mailbox that does not exist",
        UpstreamStatus.OptedOut => $"{Provider}: the buyer opted out of its processing, so it says nothing about them",
        UpstreamStatus.QuotaExhausted => $"{Provider} unavailable: the shop's quota is used up; decided on the network's record alone",
        _ => $"{Provider} unavailable ({finding.Detail}); decided on the network's record alone",
    };

    private static string Percent(decimal rate) => rate.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>docs/http-api.md's checkout answer.</summary>
internal sealed record EligibilityAnswer(bool CodAllowed, bool SmsConfirmationRequired, int ThresholdPercent, CheckoutReputation Reputation, IReadOnlyList<string> Reasons);

/// <summary>docs/http-api.md's <c>reputation</c>: the counts decided on (the network's, plus the upstream provider's when it answered).</summary>
/// <param name="Upstream">Only for a shop with an upstream provider: what it said.</param>
internal sealed record CheckoutReputation(
    bool Known,
    int Collected,
    int NotCollected,
    decimal? RatePercent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UpstreamView? Upstream);

/// <summary>The upstream provider's part of an answer: its status, its own counts and rate, and whether it came from the cache.</summary>
internal sealed record UpstreamView(UpstreamStatus Status, int Collected, int NotCollected, decimal? RatePercent, bool Cached);
