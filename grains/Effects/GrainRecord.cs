namespace OrleansShop.Effects;

/// <summary>
/// What an <see cref="EffectGrain{TState}"/> writes with one <c>WriteStateAsync</c>: its domain state,
/// the effects its transitions have caused and not yet delivered, the inbox of deliveries it has
/// answered, the read-model rows it wants, and the reminders it keeps. One write, one commit.
/// </summary>
public sealed class GrainRecord<TState> : IIndexedRecord
    where TState : class, new()
{
    public TState State { get; set; } = new();

    /// <summary>Bumped by every write; stamps the read-model rows and delivery-log entries written after it.</summary>
    public long Revision { get; set; }

    public long LastEffectId { get; set; }

    public List<Effect> Effects { get; set; } = [];

    /// <summary>By inbox key: webhook deliveries (with their answers) and received effect messages.</summary>
    public Dictionary<string, InboxEntry> Inbox { get; set; } = new(StringComparer.Ordinal);

    /// <summary>By <c>index/partition</c>: the read-model rows this grain should have; a null row is a removal.</summary>
    public Dictionary<string, IndexRow> Index { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The revision whose index rows are known to be written.</summary>
    public long IndexedRevision { get; set; }

    /// <summary>One-shot reminders by name and due time: unregistered on their first tick.</summary>
    public Dictionary<string, DateTimeOffset> OneShotReminders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the re-drive reminder is registered (it is while effects are pending).</summary>
    public bool RedriveRegistered { get; set; }

    /// <summary>The index rows changed since <see cref="IndexedRevision"/>, which then becomes <see cref="Revision"/>.</summary>
    public IndexRowsTaken TakeUnprojectedRows()
    {
        var rows = Index.Values.Where(r => r.Revision > IndexedRevision).ToList();
        var taken = new IndexRowsTaken(rows, IndexedRevision);
        IndexedRevision = Revision;
        return taken;
    }

    /// <summary>Makes rows taken by <see cref="TakeUnprojectedRows"/> wanted again: they were not written.</summary>
    public void ReturnUnprojectedRows(IndexRowsTaken taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        IndexedRevision = Math.Min(IndexedRevision, taken.PreviousIndexedRevision);
    }
}

/// <summary>Index rows a writer took from a record, and the record's mark from before, to give them back if the write fails.</summary>
public sealed record IndexRowsTaken(IReadOnlyList<IndexRow> Rows, long PreviousIndexedRevision);

/// <summary>
/// A grain record whose read-model rows a grain storage can commit in the same transaction as the
/// record: it takes them just before it serializes the record, commits both or neither, and gives
/// them back when the write fails.
/// A storage that does not (Orleans' own) leaves them to <see cref="IIndexProjection"/> after the write.
/// </summary>
public interface IIndexedRecord
{
    /// <summary>The rows written since they were last taken; the record counts them projected from now on.</summary>
    IndexRowsTaken TakeUnprojectedRows();

    /// <summary>A write that took rows failed: the record wants them again (its next write carries them).</summary>
    void ReturnUnprojectedRows(IndexRowsTaken taken);
}

/// <summary>A delivery this grain has answered: the answer (JSON) for a webhook, none for an effect message.</summary>
public sealed record InboxEntry(DateTimeOffset At, string? Answer);

/// <summary>One row of a read-model index; <see cref="Removed"/> takes the grain out of it.</summary>
public sealed record IndexRow(string Index, string Partition, string SortKey, string? Tag, string Summary, bool Removed, long Revision);
