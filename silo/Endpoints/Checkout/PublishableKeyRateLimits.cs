using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Endpoints.Checkout;

/// <summary>
/// Each shop's publishable-key budget on this silo: a token bucket per shop (a shop has one
/// publishable key), <see cref="CheckoutOptions.PermitsPerMinute"/> refilled one at a time evenly
/// over the minute, up to <see cref="CheckoutOptions.Burst"/>. Only requests whose key was accepted
/// spend it, so a stranger guessing keys cannot use up a shop's budget.
/// </summary>
internal sealed class PublishableKeyRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _buckets;

    public PublishableKeyRateLimits(IOptions<CheckoutOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        var period = TimeSpan.FromMinutes(1) / limits.PermitsPerMinute;
        _buckets = PartitionedRateLimiter.Create<string, string>(shopId => RateLimitPartition.GetTokenBucketLimiter(shopId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
        }));
    }

    /// <summary>Spends one of the shop's publishable-key requests; false, with when to retry (whole seconds, at least 1), when its rate is used up.</summary>
    public bool TryAcquire(string shopId, out int retryAfterSeconds)
    {
        using var lease = _buckets.AttemptAcquire(shopId);
        retryAfterSeconds = lease.IsAcquired ? 0
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        return lease.IsAcquired;
    }

    public void Dispose() => _buckets.Dispose();
}
