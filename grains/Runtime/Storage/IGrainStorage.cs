namespace OrleansShop.Runtime.Storage;

/// <summary>Grain state and the inbox: what a turn reads and commits.</summary>
public interface IGrainStorage
{
    Task<StoredState?> ReadStateAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>The stored version alone (0 when no row exists): how a turn learns another silo moved the grain on.</summary>
    Task<long> ReadVersionAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>
    /// True when other processes may write this database (PostgreSQL), so an activation must check
    /// its version before each turn; false for a file only this process writes (SQLite).
    /// </summary>
    bool IsShared { get; }

    /// <summary>The stored answer of an inbox key, or null when the key was never committed.</summary>
    Task<string?> ReadInboxAsync(string inboxKey, CancellationToken cancellationToken);

    /// <summary>
    /// Commits a turn: the state with a version check, its inbox row and its outbox rows, all or nothing.
    /// </summary>
    /// <returns>The new version.</returns>
    /// <exception cref="InconsistentStateException">The stored version was not the expected one.</exception>
    /// <exception cref="DuplicateInboxException">The inbox key was committed by another turn.</exception>
    Task<long> CommitAsync(TurnCommit commit, CancellationToken cancellationToken);

    Task<int> PurgeInboxAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}

public sealed class DuplicateInboxException : Exception
{
    public DuplicateInboxException()
    {
    }

    public DuplicateInboxException(string inboxKey)
        : base($"Inbox key '{inboxKey}' was already committed.") => InboxKey = inboxKey;

    public DuplicateInboxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? InboxKey { get; }
}
