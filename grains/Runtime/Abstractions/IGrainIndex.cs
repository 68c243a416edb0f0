namespace OrleansShop.Runtime;

/// <summary>
/// Projection rows a grain keeps about itself so that many grains can be listed with one query
/// (orders of a shop, newest first). They commit with the turn, so a listing never disagrees
/// with the grains' committed states for longer than it takes to read them.
/// </summary>
public interface IGrainIndex
{
    /// <summary>
    /// Puts this grain into <paramref name="index"/> under <paramref name="partition"/>, sorted by
    /// <paramref name="sortKey"/> (ordinal, listed descending), filterable by <paramref name="tag"/>,
    /// with <paramref name="summary"/> (JSON) returned as is by queries.
    /// </summary>
    void Set(string index, string partition, string sortKey, string? tag, string summary);

    /// <summary>Takes this grain out of <paramref name="index"/> under <paramref name="partition"/>.</summary>
    void Remove(string index, string partition);
}

/// <summary>Lists grains from an index.</summary>
public interface IGrainIndexReader
{
    /// <param name="before">A sort key from the previous page; only entries sorted before it are returned.</param>
    Task<IReadOnlyList<IndexEntry>> QueryAsync(string index, string partition, string? tag, string? before, int limit, CancellationToken cancellationToken);
}

public sealed record IndexEntry(string GrainType, string GrainKey, string SortKey, string? Tag, string Summary);
