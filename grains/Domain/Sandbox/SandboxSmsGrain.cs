using OrleansShop.Effects;
using OrleansShop.Grains.Sms;

namespace OrleansShop.Grains.Sandbox;

public sealed record SandboxSmsState
{
    public IReadOnlyList<SandboxSms> Messages { get; init; } = [];

    public long Sequence { get; init; }
}

public sealed class SandboxSmsGrain([PersistentState("sandboxsms")] IPersistentState<GrainRecord<SandboxSmsState>> state) : EffectGrain<SandboxSmsState>(state), ISandboxSmsGrain
{
    private const int Keep = 500;

    public async Task<string> RecordAsync(SmsSendPayload message, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (State.Messages.FirstOrDefault(m => m.IdempotencyKey == idempotencyKey) is { } known)
        {
            return known.MessageId;
        }

        var measure = SmsText.Measure(message.Text);
        var sequence = State.Sequence + 1;
        var recorded = new SandboxSms($"sandbox-{sequence}", TimeProvider.GetUtcNow(), message.ShopId, message.OrderId, message.To, message.Text, message.Purpose, measure.Encoding, measure.Parts, idempotencyKey);
        State = new SandboxSmsState { Messages = [.. State.Messages.TakeLast(Keep - 1), recorded], Sequence = sequence };
        await WriteStateAsync();
        return recorded.MessageId;
    }

    public Task<IReadOnlyList<SandboxSms>> ListAsync() => Task.FromResult(State.Messages);
}
