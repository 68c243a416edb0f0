using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Webhooks;

/// <summary>
/// Each shop's webhook budget on this silo, as two token buckets: one spent only by deliveries that
/// passed their signature, and one for those that failed it. Anyone who knows a shop's address can
/// send it unsigned requests; they spend the failure bucket, never the shop's own.
/// </summary>
internal sealed class WebhookRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _verified;
    private readonly PartitionedRateLimiter<string> _failed;

    public WebhookRateLimits(IOptions<WebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        _verified = Buckets(limits.PermitsPerSecond, limits.Burst);
        _failed = Buckets(limits.FailuresPerSecond, limits.FailureBurst);
    }

    /// <summary>Spends one of the shop's verified deliveries; false when its rate is used up.</summary>
    public bool TryAcceptVerified(string shopId) => TryAcquire(_verified, shopId);

    /// <summary>Counts one failed delivery; false when failures to this shop are over their own rate.</summary>
    public bool TryCountFailure(string shopId) => TryAcquire(_failed, shopId);

    public void Dispose()
    {
        _verified.Dispose();
        _failed.Dispose();
    }

    private static bool TryAcquire(PartitionedRateLimiter<string> limiter, string shopId)
    {
        using var lease = limiter.AttemptAcquire(shopId);
        return lease.IsAcquired;
    }

    private static PartitionedRateLimiter<string> Buckets(int perSecond, int burst) =>
        PartitionedRateLimiter.Create<string, string>(shopId => RateLimitPartition.GetTokenBucketLimiter(shopId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        }));
}
