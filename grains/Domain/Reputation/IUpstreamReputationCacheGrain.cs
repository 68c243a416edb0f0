using OrleansShop.Effects;

namespace OrleansShop.Grains.Reputation;

/// <summary>
/// The upstream provider's last answer about one address for one shop's account, kept for a while
/// because every lookup there counts against the shop's quota. Key:
/// <c>{shopId}/{fingerprint of the shop's provider keys}/{keyed e-mail hash}</c>, never the address;
/// new keys make a new cache.
/// </summary>
public interface IUpstreamReputationCacheGrain : IGrainWithStringKey
{
    /// <summary>The cached answer while it is fresh; null when there is none or it expired.</summary>
    Task<UpstreamFinding?> GetAsync();

    Task PutAsync(UpstreamFinding finding, TimeSpan timeToLive);
}
