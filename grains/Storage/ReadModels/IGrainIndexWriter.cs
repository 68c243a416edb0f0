namespace OrleansShop.Storage;

/// <summary>
/// Keeps a grain's index entries current. Grains write after their state is stored, so an index
/// is eventually consistent; revisions make late or repeated writes harmless.
/// </summary>
public interface IGrainIndexWriter
{
    /// <returns>Whether the entry changed (false when the stored entry has this revision or a newer one).</returns>
    Task<bool> SetAsync(IndexEntryWrite entry, CancellationToken cancellationToken);

    /// <summary>Takes the grain out of the index, leaving a tombstone with <paramref name="revision"/>.</summary>
    /// <returns>Whether the entry changed (false when the stored entry has this revision or a newer one).</returns>
    Task<bool> RemoveAsync(string index, string partition, string grainType, string grainKey, long revision, CancellationToken cancellationToken);
}
