using Orleans;
using Orleans.Runtime;

namespace OrleansShop.Storage;

/// <summary>
/// Holds the silo's start at its first stage until the schema is migrated: Orleans' ADO.NET
/// providers read their queries from <c>OrleansQuery</c> when they start, and fail if it is missing.
/// </summary>
internal sealed class StorageReadyGate(StorageInitializer initializer) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StorageReadyGate), ServiceLifecycleStage.First, initializer.WaitUntilReadyAsync);
}
