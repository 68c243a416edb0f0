namespace OrleansShop.Runtime;

/// <summary>
/// The stored version was not the one the activation read: another activation (on this or another
/// silo) committed first. Raised after the runtime's one retry also lost the race.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException()
    {
    }

    public InconsistentStateException(string message)
        : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InconsistentStateException(GrainId grainId, long expectedVersion)
        : base($"Grain {grainId} was not at version {expectedVersion} when its turn committed.")
    {
        GrainId = grainId;
        ExpectedVersion = expectedVersion;
    }

    public GrainId? GrainId { get; }

    public long ExpectedVersion { get; }
}
