using OrleansShop.Runtime;

namespace OrleansShop.Tests.Grains;

/// <summary>Sends durable messages and external calls through its outbox, and keeps the replies.</summary>
public interface ISenderGrain : IGrainWithStringKey
{
    Task SendAsync(string counterKey, int amount);

    Task<string> CallAsync(string operation, bool wantReply);

    Task OnCallResultAsync(ExternalCallResult result);

    Task<SenderState> GetAsync();
}

public sealed record SenderState
{
    public int Sent { get; init; }

    public IReadOnlyList<ExternalCallResult> Results { get; init; } = [];
}

public sealed class SenderGrain(IPersistentState<SenderState> state) : Grain, ISenderGrain
{
    public async Task SendAsync(string counterKey, int amount)
    {
        Outbox.Send<ICounterGrain>(counterKey, counter => counter.AddAsync(amount));
        state.State = state.State with { Sent = state.State.Sent + 1 };
        await state.WriteStateAsync();
    }

    public Task<string> CallAsync(string operation, bool wantReply)
    {
        var replyTo = wantReply ? ReplyTo.Grain<ISenderGrain>(GetPrimaryKeyString(), nameof(OnCallResultAsync)) : null;
        return Task.FromResult(Outbox.Call(RecordingConnector.Name, operation, new { sender = GetPrimaryKeyString() }, replyTo));
    }

    public async Task OnCallResultAsync(ExternalCallResult result)
    {
        state.State = state.State with { Results = [.. state.State.Results, result] };
        await state.WriteStateAsync();
    }

    public Task<SenderState> GetAsync() => Task.FromResult(state.State);
}
