using OrleansShop.Grains.Orders;
using OrleansShop.Runtime;

namespace OrleansShop.Grains.Reputation;

public sealed class ReputationReportGrain(IPersistentState<ReputationReportState> state) : Grain, IReputationReportGrain
{
    private string ShopId => GetPrimaryKeyString()[..GetPrimaryKeyString().IndexOf('/', StringComparison.Ordinal)];

    private string OrderId => GetPrimaryKeyString()[(ShopId.Length + 1)..];

    public async Task ReportAsync(string emailHash, Outcome outcome, DateTimeOffset at, string? sealedEmail, int revision)
    {
        if (revision <= state.State.Revision)
        {
            return; // a report the order has since replaced, arriving late
        }

        if (state.State.Outcome == outcome)
        {
            state.State = state.State with { Revision = revision };
            await state.WriteStateAsync();
            return;
        }

        var contribution = new Contribution(ShopId, OrderId, outcome, at, revision);
        Outbox.Send<IBuyerReputationGrain>(emailHash, buyer => buyer.RecordAsync(contribution));
        var update = new SideEffectUpdate("reputationReport", "reported", TimeProvider.GetUtcNow(), Name(outcome));
        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.SideEffectChangedAsync(update));
        var signalCall = sealedEmail is null ? null : Outbox.Call(
            ReputationSignalNames.Connector,
            ReputationSignalNames.Signal,
            new ReputationSignalPayload(ShopId, OrderId, sealedEmail, outcome),
            ReplyTo.Grain<IReputationReportGrain>(GetPrimaryKeyString(), nameof(OnSignalResultAsync)));
        state.State = new ReputationReportState
        {
            EmailHash = emailHash,
            Outcome = outcome,
            ReportedAt = at,
            Corrections = state.State.Outcome is null ? 0 : state.State.Corrections + 1,
            Revision = revision,
            SignalCall = signalCall,
        };
        await state.WriteStateAsync();
    }

    public Task<bool> IsCurrentSignalAsync(string idempotencyKey) => Task.FromResult(state.State.SignalCall == idempotencyKey);

    public Task OnSignalResultAsync(ExternalCallResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IdempotencyKey != state.State.SignalCall || state.State.Outcome is not { } outcome)
        {
            return Task.CompletedTask; // the answer to a signal a correction superseded: the order follows the newer one
        }

        var update = new SideEffectUpdate("reputationSignal", result.Succeeded ? "signalled" : "failed", TimeProvider.GetUtcNow(), Name(outcome));
        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.SideEffectChangedAsync(update));
        return Task.CompletedTask;
    }

    private static string Name(Outcome outcome) => outcome == Outcome.Collected ? "collected" : "not_collected";
}
