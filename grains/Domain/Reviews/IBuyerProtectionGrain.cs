using OrleansShop.Effects;

namespace OrleansShop.Grains.Reviews;

/// <summary>
/// The Trusted Shops buyer protection of one Excellence order. Key: the order's key. Registers it
/// once (through the outbox, with an idempotency key) and tells the order the protection number,
/// or why it failed.
/// </summary>
public interface IBuyerProtectionGrain : IGrainWithStringKey
{
    /// <summary>Registers once; later calls change nothing.</summary>
    Task RegisterAsync(ProtectionRequest request);

    /// <summary>The connector's outcome (a reply to the outbox call).</summary>
    Task OnRegisteredAsync(ExternalCallResult result);
}
