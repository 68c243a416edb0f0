using System.Text.Json;
using OrleansShop.Grains.Orders;
using OrleansShop.Runtime;

namespace OrleansShop.Grains.Reviews;

public sealed class BuyerProtectionGrain(IPersistentState<BuyerProtectionState> state) : Grain, IBuyerProtectionGrain
{
    public async Task RegisterAsync(ProtectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.State.Status != "none")
        {
            return;
        }

        Outbox.Call(ReviewNames.Connector, ReviewNames.Protect, request, ReplyTo.Grain<IBuyerProtectionGrain>(GetPrimaryKeyString(), nameof(OnRegisteredAsync)));
        state.State = new BuyerProtectionState { Status = "pending", RequestedAt = TimeProvider.GetUtcNow() };
        await state.WriteStateAsync();
    }

    public async Task OnRegisteredAsync(ExternalCallResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (state.State.Status == "registered")
        {
            return;
        }

        var number = result is { Succeeded: true, Response: { } response } ? JsonSerializer.Deserialize<ProtectionReceipt>(response, GrainJson.Options)?.Number : null;
        state.State = result.Succeeded
            ? state.State with { Status = "registered", Number = number, RegisteredAt = TimeProvider.GetUtcNow(), LastError = null }
            : state.State with { Status = "failed", LastError = result.Error };
        var update = new SideEffectUpdate(ReviewNames.ProtectionEffect, state.State.Status, TimeProvider.GetUtcNow(), result.Succeeded ? number : result.Error);
        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.SideEffectChangedAsync(update));
        await state.WriteStateAsync();
    }
}
