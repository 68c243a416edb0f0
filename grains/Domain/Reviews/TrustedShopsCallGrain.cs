using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Orders;

namespace OrleansShop.Grains.Reviews;

/// <summary>Where one order's Trusted Shops call stands.</summary>
public sealed record TrustedShopsCallState
{
    /// <summary><c>none</c>, <c>pending</c>, the call's success status (<c>invited</c>, <c>registered</c>) or <c>failed</c>.</summary>
    public string Status { get; init; } = "none";

    /// <summary>Trusted Shops' reference of the success: eTrusted's EventRef, the protection number.</summary>
    public string? Reference { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? RequestedAt { get; init; }

    public DateTimeOffset? SucceededAt { get; init; }
}

/// <summary>
/// One Trusted Shops call of one order, made once: the first request goes to the connector through
/// the outbox (with its idempotency key, and a durable reply back here), later ones change nothing.
/// The outcome goes to the order as <paramref name="effect"/>: the success status with Trusted
/// Shops' reference, or <c>failed</c> with the reason. A success is final; a failure can still be
/// followed by one, when an operator replays the dead letter.
/// </summary>
public abstract class TrustedShopsCallGrain<TGrain>(IPersistentState<GrainRecord<TrustedShopsCallState>> state, string operation, string effect, string succeeded, string replyMethod) : EffectGrain<TrustedShopsCallState>(state)
    where TGrain : IGrainWithStringKey
{
    protected async Task RequestAsync(object payload)
    {
        if (State.Status != "none")
        {
            return;
        }

        Outbox.Call(ReviewNames.Connector, operation, payload, replyMethod);
        State = new TrustedShopsCallState { Status = "pending", RequestedAt = TimeProvider.GetUtcNow() };
        await WriteStateAsync();
    }

    protected async Task CompleteAsync(ExternalCallResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (State.Status == succeeded)
        {
            return;
        }

        var reference = result is { Succeeded: true, Response: { } response } ? JsonSerializer.Deserialize<TrustedShopsReceipt>(response, GrainJson.Options)?.Reference : null;
        State = result.Succeeded
            ? State with { Status = succeeded, Reference = reference, SucceededAt = TimeProvider.GetUtcNow(), LastError = null }
            : State with { Status = "failed", LastError = result.Error };
        var update = new SideEffectUpdate(effect, State.Status, TimeProvider.GetUtcNow(), result.Succeeded ? reference : result.Error);
        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.SideEffectChangedAsync(update));
        await WriteStateAsync();
    }
}
