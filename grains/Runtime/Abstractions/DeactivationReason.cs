namespace OrleansShop.Runtime;

public enum DeactivationReason
{
    /// <summary>Unused for longer than the collection age.</summary>
    IdleCollection,

    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    Requested,

    /// <summary>The silo is shutting down gracefully.</summary>
    ShuttingDown,

    /// <summary>A turn failed or lost a version race; the in-memory state can no longer be trusted.</summary>
    Failed,
}
