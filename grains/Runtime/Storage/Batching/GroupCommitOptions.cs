namespace OrleansShop.Runtime.Hosting;

/// <summary>
/// How concurrent turns share PostgreSQL transactions. Section <c>Storage:GroupCommit</c>.
/// A turn waits for no timer: it joins the next batch as soon as one of
/// <see cref="MaxConcurrentBatches"/> is free, so at low load every turn commits alone and at
/// high load the queue that builds up while batches are in flight becomes the next batch.
/// </summary>
public sealed class GroupCommitOptions
{
    /// <summary>Whether PostgreSQL turns share transactions at all. Default true; SQLite never does.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The most turns in one transaction. Default 32: every turn is a savepoint, and PostgreSQL keeps
    /// at most 64 subtransactions per transaction in shared memory before other sessions' snapshots slow down.
    /// </summary>
    public int MaxTurns { get; set; } = 32;

    /// <summary>Transactions in flight at once, each on its own connection. Default 4.</summary>
    public int MaxConcurrentBatches { get; set; } = 4;

    internal static string? Validate(GroupCommitOptions o) =>
        o.MaxTurns is < 1 or > 64 ? "Storage:GroupCommit:MaxTurns must be 1 to 64."
        : o.MaxConcurrentBatches is < 1 or > 64 ? "Storage:GroupCommit:MaxConcurrentBatches must be 1 to 64."
        : null;
}
