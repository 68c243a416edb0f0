using OrleansShop.Effects;

namespace OrleansShop.Grains.Reviews;

public sealed class BuyerProtectionGrain([PersistentState("buyerprotection")] IPersistentState<GrainRecord<TrustedShopsCallState>> state)
    : TrustedShopsCallGrain<IBuyerProtectionGrain>(state, ReviewNames.Protect, ReviewNames.ProtectionEffect, "registered", nameof(IBuyerProtectionGrain.OnRegisteredAsync)), IBuyerProtectionGrain
{
    public Task RegisterAsync(ProtectionRequest request) => RequestAsync(request ?? throw new ArgumentNullException(nameof(request)));

    public Task OnRegisteredAsync(ExternalCallResult result) => CompleteAsync(result);
}
