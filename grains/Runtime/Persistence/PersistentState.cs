using System.Text.Json;
using OrleansShop.Runtime.Activation;
using OrleansShop.Runtime.Storage;

namespace OrleansShop.Runtime.Persistence;

/// <summary>The non-generic face of a grain's state, for the runtime.</summary>
internal interface IStateHolder
{
    long Version { get; }

    void Load(StoredState? stored);

    string Serialize();

    void Committed(long version);
}

internal sealed class PersistentState<TState>(ActivationData activation) : IPersistentState<TState>, IStateHolder
    where TState : class, new()
{
    public TState State { get; set; } = new();

    public long Version { get; private set; }

    public bool RecordExists => Version > 0;

    public Task WriteStateAsync()
    {
        activation.CurrentTurn.RequestStateWrite();
        return Task.CompletedTask;
    }

    public void Load(StoredState? stored)
    {
        State = stored is null ? new TState() : JsonSerializer.Deserialize<TState>(stored.Payload, GrainJson.Options) ?? new TState();
        Version = stored?.Version ?? 0;
    }

    public string Serialize() => JsonSerializer.Serialize(State, GrainJson.Options);

    public void Committed(long version) => Version = version;
}

/// <summary>The state of a grain that declares none: it still has a version, which fences its outbox.</summary>
internal sealed class NoState;
