using OrleansShop.Runtime.Calls;
using OrleansShop.Runtime.Persistence;

namespace OrleansShop.Runtime.Activation;

/// <summary>
/// One in-memory instance of a grain on this silo: the grain object, its state, and the lock that
/// makes its turns run one at a time.
/// </summary>
internal sealed class ActivationData(GrainId grainId, GrainRegistration registration, GrainRuntime runtime)
{
    private Turn? _turn;

    public GrainId GrainId { get; } = grainId;

    public GrainRegistration Registration { get; } = registration;

    public GrainRuntime Runtime { get; } = runtime;

    /// <summary>Held for the whole of a turn: grains are not reentrant.</summary>
    public SemaphoreSlim TurnLock { get; } = new(1, 1);

    public Grain? Grain { get; private set; }

    public IStateHolder? State { get; private set; }

    /// <summary>False once the activation is dropped; a caller that waited on its lock then starts over.</summary>
    public bool IsValid { get; private set; } = true;

    public DateTimeOffset LastUsed { get; set; }

    public bool DeactivateAfterTurn { get; set; }

    public Turn CurrentTurn => _turn ?? throw new InvalidOperationException($"Grain {GrainId} used its outbox or state outside a turn.");

    public bool IsActivated => Grain is not null;

    public void Activated(Grain grain, IStateHolder state)
    {
        Grain = grain;
        State = state;
    }

    public Turn BeginTurn(string? inboxKey) => _turn = new Turn(this, inboxKey);

    public void EndTurn() => _turn = null;

    public void Invalidate() => IsValid = false;
}
