using OrleansShop.Runtime;
using OrleansShop.Runtime.Membership;

namespace OrleansShop.Tests.Grains;

/// <summary>Registers durable reminders and counts their ticks.</summary>
public interface IAlarmGrain : IRemindable
{
    Task SetAsync(int dueMilliseconds, int? periodMilliseconds);

    Task CancelAsync();

    Task<int> GetTicksAsync();
}

public sealed record AlarmState
{
    public int Ticks { get; init; }
}

public sealed class AlarmGrain(IPersistentState<AlarmState> state, TickRecorder recorder, SiloIdentity silo) : Grain, IAlarmGrain
{
    public const string ReminderName = "alarm";

    public Task SetAsync(int dueMilliseconds, int? periodMilliseconds)
    {
        RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMilliseconds(dueMilliseconds), periodMilliseconds is { } p ? TimeSpan.FromMilliseconds(p) : null);
        return Task.CompletedTask;
    }

    public Task CancelAsync()
    {
        UnregisterReminder(ReminderName);
        return Task.CompletedTask;
    }

    public Task<int> GetTicksAsync() => Task.FromResult(state.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State = state.State with { Ticks = state.State.Ticks + 1 };
        await state.WriteStateAsync();
        recorder.Ticks.Enqueue((GetPrimaryKeyString(), silo.SiloId, reminderName));
    }
}

public sealed class TickRecorder
{
    public System.Collections.Concurrent.ConcurrentQueue<(string Key, string Silo, string Reminder)> Ticks { get; } = new();
}
