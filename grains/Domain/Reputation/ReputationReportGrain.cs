using OrleansShop.Effects;
using OrleansShop.Grains.Orders;

namespace OrleansShop.Grains.Reputation;

public sealed class ReputationReportGrain([PersistentState("reputationreport")] IPersistentState<GrainRecord<ReputationReportState>> state) : EffectGrain<ReputationReportState>(state), IReputationReportGrain
{
    private string ShopId => GetPrimaryKeyString()[..GetPrimaryKeyString().IndexOf('/', StringComparison.Ordinal)];

    private string OrderId => GetPrimaryKeyString()[(ShopId.Length + 1)..];

    public async Task ReportAsync(string emailHash, Outcome outcome, DateTimeOffset at, string? sealedEmail, int revision)
    {
        if (revision <= State.Revision)
        {
            return; // a report the order has since replaced, arriving late
        }

        if (State.Outcome == outcome)
        {
            State = State with { Revision = revision };
            await WriteStateAsync();
            return;
        }

        var contribution = new Contribution(ShopId, OrderId, outcome, at, revision);
        Outbox.Send<IBuyerReputationGrain>(emailHash, buyer => buyer.RecordAsync(contribution));
        var update = new SideEffectUpdate(SideEffectNames.ReputationReport, "reported", TimeProvider.GetUtcNow(), Name(outcome));
        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.SideEffectChangedAsync(update));
        var signalCall = sealedEmail is null ? null : Outbox.Call(
            ReputationSignalNames.Connector,
            ReputationSignalNames.Signal,
            new ReputationSignalPayload(ShopId, OrderId, sealedEmail, outcome),
            nameof(OnSignalResultAsync));
        State = new ReputationReportState
        {
            EmailHash = emailHash,
            Outcome = outcome,
            ReportedAt = at,
            Corrections = State.Outcome is null ? 0 : State.Corrections + 1,
            Revision = revision,
            SignalCall = signalCall,
        };
        await WriteStateAsync();
    }

    public Task<bool> IsCurrentSignalAsync(string idempotencyKey) => Task.FromResult(State.SignalCall == idempotencyKey);

    public Task OnSignalResultAsync(ExternalCallResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IdempotencyKey != State.SignalCall || State.Outcome is not { } outcome)
        {
            return Task.CompletedTask; // the answer to a signal a correction superseded: the order follows the newer one
        }

        var update = new SideEffectUpdate(SideEffectNames.ReputationSignal, result.Succeeded ? "signalled" : "failed", TimeProvider.GetUtcNow(), Name(outcome));
        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.SideEffectChangedAsync(update));
        return Task.CompletedTask;
    }

    private static string Name(Outcome outcome) => outcome == Outcome.Collected ? "collected" : "not_collected";
}
