namespace OrleansShop.Storage;

/// <summary>A grain as an index lists it.</summary>
public sealed record IndexEntry(string GrainType, string GrainKey, string SortKey, string? Tag, string Summary);
