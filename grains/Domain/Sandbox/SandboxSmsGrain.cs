using OrleansShop.Effects;
using OrleansShop.Grains.Sms;

namespace OrleansShop.Grains.Sandbox;

public sealed class SandboxSmsGrain([PersistentState("sandboxsms")] IPersistentState<GrainRecord<SandboxLog<SandboxSms>>> state) : EffectGrain<SandboxLog<SandboxSms>>(state), ISandboxSmsGrain
{
    public async Task<string> RecordAsync(SmsSendPayload message, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(message);
        var measure = SmsText.Measure(message.Text);
        var (log, recorded, added) = State.RecordOnce(m => m.IdempotencyKey == idempotencyKey, sequence =>
            new SandboxSms($"sandbox-{sequence}", TimeProvider.GetUtcNow(), message.ShopId, message.OrderId, message.To, message.Text, message.Purpose, measure.Encoding, measure.Parts, idempotencyKey));
        if (added)
        {
            State = log;
            await WriteStateAsync();
        }

        return recorded.MessageId;
    }

    public Task<IReadOnlyList<SandboxSms>> ListAsync() => Task.FromResult(State.Entries);
}
