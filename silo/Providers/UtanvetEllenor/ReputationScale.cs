namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>
/// The one place that converts between Utánvét Ellenőr's scale, (good − bad) / (good + bad) from −1
/// to +1, and OrleansShop's percentages, collected / (collected + notCollected) × 100. The two are the
/// same measure: (r + 1) / 2 = good / (good + bad), so 23 good and 3 bad are 0.769… there and 88.46 % here.
/// </summary>
public static class ReputationScale
{
    /// <summary>The provider's reputation as a collection rate in percent, 0 to 100, unrounded.</summary>
    public static double ToPercent(double reputation)
    {
        if (double.IsNaN(reputation) || reputation is < -1 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(reputation), reputation, "A reputation is between -1 and +1.");
        }

        return (reputation + 1) * 50;
    }

    /// <summary>A shop's threshold in percent (0 to 100) as the provider's <c>threshold</c>, −1 to +1: 80 % is 0.6.</summary>
    public static double ToThreshold(int thresholdPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(thresholdPercent, 100);

        // One division of exact integers, so whole percentages give the nearest double (0.6, not 0.6000000000000001).
        return ((2 * thresholdPercent) - 100) / 100.0;
    }
}
