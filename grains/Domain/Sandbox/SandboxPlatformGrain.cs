using OrleansShop.Effects;

namespace OrleansShop.Grains.Sandbox;

public sealed class SandboxPlatformGrain([PersistentState("sandboxplatform")] IPersistentState<GrainRecord<SandboxLog<SandboxPlatformEntry>>> state) : EffectGrain<SandboxLog<SandboxPlatformEntry>>(state), ISandboxPlatformGrain
{
    public async Task<bool> RecordAsync(SandboxPlatformWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (log, _, added) = State.RecordOnce(e => e.ShopId == write.ShopId && e.OrderId == write.OrderId && e.Fact == write.Fact, sequence =>
            new SandboxPlatformEntry($"sandbox-{sequence}", TimeProvider.GetUtcNow(), write.ShopId, write.OrderId, write.Platform, write.Fact, write.Tags, write.Note, write.Status, write.Cancelled));
        if (added)
        {
            State = log;
            await WriteStateAsync();
        }

        return added;
    }

    public Task<IReadOnlyList<SandboxPlatformEntry>> ListAsync() => Task.FromResult(State.Entries);
}
