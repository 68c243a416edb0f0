using OrleansShop.Effects;
using OrleansShop.Grains.Reputation;

namespace OrleansShop.Grains.Sandbox;

public sealed class SandboxReputationGrain([PersistentState("sandboxreputation")] IPersistentState<GrainRecord<SandboxLog<SandboxSignal>>> state) : EffectGrain<SandboxLog<SandboxSignal>>(state), ISandboxReputationGrain
{
    public async Task RecordAsync(SandboxSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (State.Find(s => s.IdempotencyKey == signal.IdempotencyKey) is not null)
        {
            return;
        }

        // The provider deduplicates on the order: a correction replaces the earlier outcome.
        var others = State.Without(s => s.ShopId == signal.ShopId && s.OrderId == signal.OrderId);
        State = others.Append(_ => signal with { At = TimeProvider.GetUtcNow() }).Log;
        await WriteStateAsync();
    }

    public Task<SandboxCounts> CountAsync(string emailHash)
    {
        var about = State.Entries.Where(s => s.EmailHash == emailHash).ToList();
        var good = about.Count(s => s.Outcome == Outcome.Collected);
        return Task.FromResult(new SandboxCounts(good, about.Count - good));
    }

    public Task<IReadOnlyList<SandboxSignal>> ListAsync() => Task.FromResult(State.Entries);
}
