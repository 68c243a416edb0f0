using System.Globalization;
using OrleansShop.Grains.Reputation;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Endpoints.Reputation;

/// <summary>"May this buyer pay on delivery?" — the buyer's collected rate against the shop's threshold.</summary>
internal static class CodEligibility
{
    public static EligibilityAnswer Decide(ReputationView reputation, ShopSettings shop)
    {
        var threshold = shop.Reputation.ThresholdPercent;
        if (reputation is not { Known: true, RatePercent: { } rate })
        {
            return new EligibilityAnswer(true, shop.Sms.Enabled, threshold, reputation, ["new buyer: no collected or uncollected parcels on record"]);
        }

        if (rate >= threshold)
        {
            return new EligibilityAnswer(true, shop.Sms.Enabled, threshold, reputation, [$"rate {Percent(rate)}% is at or above the threshold {threshold}%"]);
        }

        var block = shop.Reputation.BlockCodBelowThreshold;
        return new EligibilityAnswer(!block, shop.Sms.Enabled, threshold, reputation,
        [
            $"rate {Percent(rate)}% is below the threshold {threshold}%",
            block ? "the shop blocks cash on delivery below its threshold" : "the shop allows cash on delivery below its threshold",
        ]);
    }

    private static string Percent(decimal rate) => rate.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>API.md's checkout answer.</summary>
internal sealed record EligibilityAnswer(bool CodAllowed, bool SmsConfirmationRequired, int ThresholdPercent, ReputationView Reputation, IReadOnlyList<string> Reasons);
