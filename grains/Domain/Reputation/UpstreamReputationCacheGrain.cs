using OrleansShop.Effects;

namespace OrleansShop.Grains.Reputation;

public sealed record UpstreamCacheState
{
    public UpstreamFinding? Finding { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>
/// Stored rather than kept in memory, so a cached answer outlives the activation (collected after
/// its idle age) and a silo stop, and every silo of a cluster sees the same one.
/// </summary>
public sealed class UpstreamReputationCacheGrain([PersistentState("upstreamreputationcache")] IPersistentState<GrainRecord<UpstreamCacheState>> state) : EffectGrain<UpstreamCacheState>(state), IUpstreamReputationCacheGrain
{
    public Task<UpstreamFinding?> GetAsync() =>
        Task.FromResult(State.Finding is { } finding && TimeProvider.GetUtcNow() < State.ExpiresAt ? finding : null);

    public async Task PutAsync(UpstreamFinding finding, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(finding);
        State = new UpstreamCacheState { Finding = finding, ExpiresAt = TimeProvider.GetUtcNow() + timeToLive };
        await WriteStateAsync();
    }
}
