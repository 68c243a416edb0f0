using OrleansShop.Effects;

namespace OrleansShop.Grains.Sms;

/// <summary>How far a shop's gateway inbox has been read. Key: the shop id.</summary>
public interface ISmsInboxCursorGrain : IGrainWithStringKey
{
    Task<DateTimeOffset?> GetAsync();

    /// <summary>Records that everything up to <paramref name="stop"/> was read; never moves back.</summary>
    Task AdvanceAsync(DateTimeOffset stop);
}

public sealed record SmsInboxCursorState
{
    public DateTimeOffset? ReadUntil { get; init; }
}

public sealed class SmsInboxCursorGrain([PersistentState("smsinboxcursor")] IPersistentState<GrainRecord<SmsInboxCursorState>> state) : EffectGrain<SmsInboxCursorState>(state), ISmsInboxCursorGrain
{
    public Task<DateTimeOffset?> GetAsync() => Task.FromResult(State.ReadUntil);

    public async Task AdvanceAsync(DateTimeOffset stop)
    {
        if (State.ReadUntil >= stop)
        {
            return;
        }

        State = new SmsInboxCursorState { ReadUntil = stop };
        await WriteStateAsync();
    }
}
