using OrleansShop.Effects;

namespace OrleansShop.Tests.Grains.Effects;

public sealed record SenderState
{
    public int Sent { get; init; }

    public List<string> Replies { get; init; } = [];
}

public sealed record ReceiverState
{
    public List<string> Received { get; init; } = [];
}

/// <summary>Causes effects: messages to receivers and calls through the recording connector, with its replies kept.</summary>
public interface ISenderGrain : IGrainWithStringKey
{
    Task SendAsync(string receiver, int count);

    Task CallAsync(string operation);

    /// <summary>Changes state and adds an effect, then throws before writing.</summary>
    Task SendThenFailAsync(string receiver);

    Task<SenderState> GetAsync();
}

public interface IReceiverGrain : IGrainWithStringKey
{
    Task ReceiveAsync(string message);

    Task<ReceiverState> GetAsync();
}

/// <summary>Holds a one-shot reminder and counts its ticks.</summary>
public interface IAlarmGrain : IGrainWithStringKey
{
    Task SetAsync(TimeSpan dueIn);

    Task<int> GetTicksAsync();
}

public sealed class SenderGrain([PersistentState("sender")] IPersistentState<GrainRecord<SenderState>> state) : EffectGrain<SenderState>(state), ISenderGrain
{
    public async Task SendAsync(string receiver, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var message = $"{GetPrimaryKeyString()}#{State.Sent + i}";
            Outbox.Send<IReceiverGrain>(receiver, r => r.ReceiveAsync(message));
        }

        State = State with { Sent = State.Sent + count };
        await WriteStateAsync();
    }

    public async Task CallAsync(string operation)
    {
        Outbox.Call(RecordingConnector.Name, operation, new { from = GetPrimaryKeyString() }, nameof(OnCalledAsync));
        await WriteStateAsync();
    }

    public async Task OnCalledAsync(ExternalCallResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        State = State with { Replies = [.. State.Replies, result.Succeeded ? $"ok:{result.Response}" : $"failed:{result.Error}"] };
        await WriteStateAsync();
    }

    public Task SendThenFailAsync(string receiver)
    {
        State = State with { Sent = State.Sent + 1 };
        Outbox.Send<IReceiverGrain>(receiver, r => r.ReceiveAsync("never"));
        throw new InvalidOperationException("the method fails before it writes");
    }

    public Task<SenderState> GetAsync() => Task.FromResult(State);
}

public sealed class ReceiverGrain([PersistentState("receiver")] IPersistentState<GrainRecord<ReceiverState>> state) : EffectGrain<ReceiverState>(state), IReceiverGrain
{
    public async Task ReceiveAsync(string message)
    {
        State = State with { Received = [.. State.Received, message] };
        await WriteStateAsync();
    }

    public Task<ReceiverState> GetAsync() => Task.FromResult(State);
}

public sealed class AlarmGrain([PersistentState("alarm")] IPersistentState<GrainRecord<ReceiverState>> state) : EffectGrain<ReceiverState>(state), IAlarmGrain
{
    public async Task SetAsync(TimeSpan dueIn)
    {
        RegisterOrUpdateReminder("ring", dueIn);
        await WriteStateAsync();
    }

    public Task<int> GetTicksAsync() => Task.FromResult(State.Received.Count);

    protected override async Task OnReminderAsync(string reminderName, TickStatus status)
    {
        State = State with { Received = [.. State.Received, reminderName] };
        await WriteStateAsync();
    }
}
