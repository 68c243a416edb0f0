using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Reputation;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Providers;
using OrleansShop.Silo.Providers.UtanvetEllenor;

namespace OrleansShop.Silo.Endpoints.Reputation;

/// <summary>
/// Checkout's question to the upstream provider, through a cache per (shop's keys, e-mail hash):
/// within <see cref="UtanvetEllenorOptions.CacheTtl"/> a repeated lookup costs no call (nor
/// quota). Whatever goes wrong there, checkout fails open: the answer says why, and only answers
/// the provider actually gave are cached.
/// </summary>
internal sealed class UpstreamLookup(IGrainFactory grains, IReputationProvider upstream, IOptions<UtanvetEllenorOptions> options)
{
    /// <summary>What the provider says about <paramref name="email"/>; null when the shop has no upstream provider.</summary>
    public async Task<UpstreamAnswer?> FindAsync(ShopSnapshot shop, string email, string emailHash, CancellationToken cancellationToken)
    {
        if (ReputationProviderKeys.Of(shop.Settings) is not { } keys)
        {
            return null;
        }

        var cache = grains.GetGrain<IUpstreamReputationCacheGrain>($"{shop.ShopId}/{keys.Fingerprint}/{emailHash}");
        if (await cache.GetAsync() is { } cached)
        {
            return new UpstreamAnswer(cached, Cached: true);
        }

        var finding = Finding(await upstream.RequestAsync(keys, email, shop.Settings.Reputation.ThresholdPercent, cancellationToken));
        if (finding.Answered)
        {
            await cache.PutAsync(finding, options.Value.CacheTtl);
        }

        return new UpstreamAnswer(finding, Cached: false);
    }

    private static UpstreamFinding Finding(UtanvetEllenorRequestResult result) => result switch
    {
        { Outcome: UtanvetEllenorOutcome.Accepted, Reputation: { } known } => new UpstreamFinding(
            known.Finding switch
            {
                UtanvetEllenorFinding.Signals => UpstreamStatus.Signals,
                UtanvetEllenorFinding.NoSignals => UpstreamStatus.NoSignals,
                UtanvetEllenorFinding.UndeliverableMailbox => UpstreamStatus.UndeliverableMailbox,
                _ => UpstreamStatus.OptedOut,
            },
            known.Good,
            known.Bad,
            known.Reputation is { } r ? Math.Round((decimal)ReputationScale.ToPercent(r), 2, MidpointRounding.AwayFromZero) : null,
            result.Meaning),
        { Outcome: UtanvetEllenorOutcome.QuotaExhausted } => new UpstreamFinding(UpstreamStatus.QuotaExhausted, 0, 0, null, result.Meaning),
        _ => new UpstreamFinding(UpstreamStatus.Unavailable, 0, 0, null, result.Meaning),
    };
}

/// <param name="Cached">Whether the answer came from the cache rather than a call.</param>
internal sealed record UpstreamAnswer(UpstreamFinding Finding, bool Cached);
