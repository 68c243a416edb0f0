using OrleansShop.Effects;

namespace OrleansShop.Grains.Reputation;

public sealed record BuyerReputationState
{
    /// <summary>By <c>{shopId}/{orderId}</c>.</summary>
    public Dictionary<string, Contribution> Contributions { get; init; } = new(StringComparer.Ordinal);
}

public sealed class BuyerReputationGrain([PersistentState("buyerreputation")] IPersistentState<GrainRecord<BuyerReputationState>> state) : EffectGrain<BuyerReputationState>(state), IBuyerReputationGrain
{
    public async Task RecordAsync(Contribution contribution)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        var key = $"{contribution.ShopId}/{contribution.OrderId}";
        if (State.Contributions.TryGetValue(key, out var known) && (known.Outcome == contribution.Outcome || known.Revision > contribution.Revision))
        {
            return; // already so, or a correction that has since been corrected again, arriving late
        }

        State.Contributions[key] = contribution;
        await WriteStateAsync();
    }

    public Task<ReputationView> GetAsync()
    {
        var collected = State.Contributions.Values.Count(c => c.Outcome == Outcome.Collected);
        return Task.FromResult(ReputationView.From(collected, State.Contributions.Count - collected));
    }

    public async Task<int> EraseAsync()
    {
        var count = State.Contributions.Count;
        if (count > 0)
        {
            State = new BuyerReputationState();
            await WriteStateAsync();
        }

        return count;
    }
}
