namespace OrleansShop.Grains.Sandbox;

/// <summary>
/// The log every sandbox provider keeps what it would have done in: the latest <see cref="Keep"/>
/// entries, each recorded once (a retried effect finds its first entry), numbered in the order they
/// came. Kept in a sandbox grain's state, so every silo shows the same list.
/// </summary>
public sealed record SandboxLog<TEntry>
    where TEntry : class
{
    /// <summary>How many entries a log keeps; older ones are dropped.</summary>
    public const int Keep = 500;

    public IReadOnlyList<TEntry> Entries { get; init; } = [];

    /// <summary>The last number given to an entry; numbers never repeat, even after entries are dropped.</summary>
    public long Sequence { get; init; }

    public TEntry? Find(Func<TEntry, bool> match) => Entries.FirstOrDefault(match);

    /// <summary>
    /// The entry <paramref name="match"/> finds, with this log; or else the entry <paramref name="create"/>
    /// makes from the next number, with a log that holds it (and no longer the oldest past <see cref="Keep"/>).
    /// </summary>
    public (SandboxLog<TEntry> Log, TEntry Entry, bool Added) RecordOnce(Func<TEntry, bool> match, Func<long, TEntry> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (Find(match) is { } known)
        {
            return (this, known, false);
        }

        var (log, entry) = Append(create);
        return (log, entry, true);
    }

    /// <summary>This log with the entry <paramref name="create"/> makes from the next number (and no longer the oldest past <see cref="Keep"/>).</summary>
    public (SandboxLog<TEntry> Log, TEntry Entry) Append(Func<long, TEntry> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var entry = create(Sequence + 1);
        return (new SandboxLog<TEntry> { Entries = [.. Entries.TakeLast(Keep - 1), entry], Sequence = Sequence + 1 }, entry);
    }

    /// <summary>This log with every entry <paramref name="match"/> finds replaced by <paramref name="entry"/>.</summary>
    public SandboxLog<TEntry> Replace(Func<TEntry, bool> match, TEntry entry) => this with { Entries = [.. Entries.Select(e => match(e) ? entry : e)] };

    /// <summary>This log without the entries <paramref name="match"/> finds.</summary>
    public SandboxLog<TEntry> Without(Func<TEntry, bool> match) => this with { Entries = [.. Entries.Where(e => !match(e))] };
}

/// <summary>Where the sandbox logs live.</summary>
public static class SandboxLogs
{
    /// <summary>The key of every sandbox grain: one log of each kind for the whole cluster.</summary>
    public const string Key = "all";
}
