namespace OrleansShop.Storage;

/// <summary>
/// A grain's entry in <paramref name="Index"/> under <paramref name="Partition"/>, sorted by
/// <paramref name="SortKey"/> (ordinal, listed descending), filterable by <paramref name="Tag"/>, with
/// <paramref name="Summary"/> (JSON) returned as is. <paramref name="Revision"/> is the owning grain's:
/// the write applies only over an older one.
/// </summary>
public sealed record IndexEntryWrite(
    string Index, string Partition, string GrainType, string GrainKey, string SortKey, string? Tag, string Summary, long Revision);
