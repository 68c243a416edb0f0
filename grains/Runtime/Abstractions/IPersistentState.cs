namespace OrleansShop.Runtime;

/// <summary>
/// A grain's durable state, injected into the grain's constructor as in Orleans.
/// </summary>
/// <remarks>
/// The state is loaded before <see cref="Grain.OnActivateAsync"/>. <see cref="WriteStateAsync"/>
/// asks for the state to be written: the write, the outbox rows and the inbox row of the turn
/// commit together in one transaction when the turn ends, and the caller's await completes only
/// after that commit. A version conflict drops the activation and retries the turn once.
/// </remarks>
public interface IPersistentState<TState>
    where TState : class, new()
{
    TState State { get; set; }

    /// <summary>The stored version; 0 when no row exists yet.</summary>
    long Version { get; }

    bool RecordExists { get; }

    Task WriteStateAsync();
}
