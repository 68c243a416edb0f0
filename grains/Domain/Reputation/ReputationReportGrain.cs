using OrleansShop.Grains.Orders;
using OrleansShop.Runtime;

namespace OrleansShop.Grains.Reputation;

public sealed class ReputationReportGrain(IPersistentState<ReputationReportState> state) : Grain, IReputationReportGrain
{
    private string ShopId => GetPrimaryKeyString()[..GetPrimaryKeyString().IndexOf('/', StringComparison.Ordinal)];

    private string OrderId => GetPrimaryKeyString()[(ShopId.Length + 1)..];

    public async Task ReportAsync(string emailHash, Outcome outcome, DateTimeOffset at)
    {
        if (state.State.Outcome == outcome)
        {
            return;
        }

        var contribution = new Contribution(ShopId, OrderId, outcome, at);
        Outbox.Send<IBuyerReputationGrain>(emailHash, buyer => buyer.RecordAsync(contribution));
        var update = new SideEffectUpdate("reputationReport", "reported", TimeProvider.GetUtcNow(), outcome == Outcome.Collected ? "collected" : "not_collected");
        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.SideEffectChangedAsync(update));
        state.State = new ReputationReportState
        {
            EmailHash = emailHash,
            Outcome = outcome,
            ReportedAt = at,
            Corrections = state.State.Outcome is null ? 0 : state.State.Corrections + 1,
        };
        await state.WriteStateAsync();
    }
}
