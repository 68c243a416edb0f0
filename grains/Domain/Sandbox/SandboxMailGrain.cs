using OrleansShop.Effects;

namespace OrleansShop.Grains.Sandbox;

public sealed class SandboxMailGrain([PersistentState("sandboxmail")] IPersistentState<GrainRecord<SandboxLog<SandboxMail>>> state) : EffectGrain<SandboxLog<SandboxMail>>(state), ISandboxMailGrain
{
    public async Task<string> RecordAsync(SandboxMailMessage message, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (log, recorded, added) = State.RecordOnce(m => m.IdempotencyKey == idempotencyKey, sequence =>
            new SandboxMail($"sandbox-{sequence}", TimeProvider.GetUtcNow(), message.ShopId, message.OrderId, message.ToHash, message.From, message.ReplyTo, message.Subject, message.Body, message.Purpose, idempotencyKey));
        if (added)
        {
            State = log;
            await WriteStateAsync();
        }

        return recorded.MessageId;
    }

    public Task<IReadOnlyList<SandboxMail>> ListAsync() => Task.FromResult(State.Entries);
}
