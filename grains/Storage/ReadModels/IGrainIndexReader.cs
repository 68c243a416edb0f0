namespace OrleansShop.Storage;

/// <summary>Lists grains from an index.</summary>
public interface IGrainIndexReader
{
    /// <summary>Entries sorted by sort key, descending; removed entries are left out.</summary>
    Task<IReadOnlyList<IndexEntry>> QueryAsync(IndexQuery query, CancellationToken cancellationToken);
}
