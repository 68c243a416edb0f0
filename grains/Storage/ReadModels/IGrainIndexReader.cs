namespace OrleansShop.Storage;

/// <summary>Lists grains from an index.</summary>
public interface IGrainIndexReader
{
    /// <summary>Entries sorted by sort key, descending; removed entries are left out.</summary>
    /// <param name="before">A sort key from the previous page; only entries sorted before it are returned.</param>
    Task<IReadOnlyList<IndexEntry>> QueryAsync(string index, string partition, string? tag, string? before, int limit, CancellationToken cancellationToken);
}
