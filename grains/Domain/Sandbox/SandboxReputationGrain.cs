using OrleansShop.Effects;
using OrleansShop.Grains.Reputation;

namespace OrleansShop.Grains.Sandbox;

public sealed record SandboxReputationState
{
    public IReadOnlyList<SandboxSignal> Signals { get; init; } = [];
}

public sealed class SandboxReputationGrain([PersistentState("sandboxreputation")] IPersistentState<GrainRecord<SandboxReputationState>> state) : EffectGrain<SandboxReputationState>(state), ISandboxReputationGrain
{
    private const int Keep = 500;

    public async Task RecordAsync(SandboxSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (State.Signals.Any(s => s.IdempotencyKey == signal.IdempotencyKey))
        {
            return;
        }

        // The provider deduplicates on the order: a correction replaces the earlier outcome.
        var others = State.Signals.Where(s => !(s.ShopId == signal.ShopId && s.OrderId == signal.OrderId));
        State = new SandboxReputationState { Signals = [.. others.TakeLast(Keep - 1), signal with { At = TimeProvider.GetUtcNow() }] };
        await WriteStateAsync();
    }

    public Task<SandboxCounts> CountAsync(string emailHash)
    {
        var about = State.Signals.Where(s => s.EmailHash == emailHash).ToList();
        var good = about.Count(s => s.Outcome == Outcome.Collected);
        return Task.FromResult(new SandboxCounts(good, about.Count - good));
    }

    public Task<IReadOnlyList<SandboxSignal>> ListAsync() => Task.FromResult(State.Signals);
}
