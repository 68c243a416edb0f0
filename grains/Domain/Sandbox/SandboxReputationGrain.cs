using OrleansShop.Grains.Reputation;
using OrleansShop.Runtime;

namespace OrleansShop.Grains.Sandbox;

public sealed record SandboxReputationState
{
    public IReadOnlyList<SandboxSignal> Signals { get; init; } = [];
}

public sealed class SandboxReputationGrain(IPersistentState<SandboxReputationState> state) : Grain, ISandboxReputationGrain
{
    private const int Keep = 500;

    public async Task RecordAsync(SandboxSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (state.State.Signals.Any(s => s.IdempotencyKey == signal.IdempotencyKey))
        {
            return;
        }

        // The provider deduplicates on the order: a correction replaces the earlier outcome.
        var others = state.State.Signals.Where(s => !(s.ShopId == signal.ShopId && s.OrderId == signal.OrderId));
        state.State = new SandboxReputationState { Signals = [.. others.TakeLast(Keep - 1), signal with { At = TimeProvider.GetUtcNow() }] };
        await state.WriteStateAsync();
    }

    public Task<SandboxCounts> CountAsync(string emailHash)
    {
        var about = state.State.Signals.Where(s => s.EmailHash == emailHash).ToList();
        var good = about.Count(s => s.Outcome == Outcome.Collected);
        return Task.FromResult(new SandboxCounts(good, about.Count - good));
    }

    public Task<IReadOnlyList<SandboxSignal>> ListAsync() => Task.FromResult(state.State.Signals);
}
