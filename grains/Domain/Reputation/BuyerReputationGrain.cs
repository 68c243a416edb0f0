using OrleansShop.Runtime;

namespace OrleansShop.Grains.Reputation;

public sealed record BuyerReputationState
{
    /// <summary>By <c>{shopId}/{orderId}</c>.</summary>
    public Dictionary<string, Contribution> Contributions { get; init; } = new(StringComparer.Ordinal);
}

public sealed class BuyerReputationGrain(IPersistentState<BuyerReputationState> state) : Grain, IBuyerReputationGrain
{
    public async Task RecordAsync(Contribution contribution)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        var key = $"{contribution.ShopId}/{contribution.OrderId}";
        if (state.State.Contributions.TryGetValue(key, out var known) && (known.Outcome == contribution.Outcome || known.Revision > contribution.Revision))
        {
            return; // already so, or a correction that has since been corrected again, arriving late
        }

        state.State.Contributions[key] = contribution;
        await state.WriteStateAsync();
    }

    public Task<ReputationView> GetAsync()
    {
        var collected = state.State.Contributions.Values.Count(c => c.Outcome == Outcome.Collected);
        return Task.FromResult(ReputationView.From(collected, state.State.Contributions.Count - collected));
    }

    public async Task<int> EraseAsync()
    {
        var count = state.State.Contributions.Count;
        if (count > 0)
        {
            state.State = new BuyerReputationState();
            await state.WriteStateAsync();
        }

        return count;
    }
}
