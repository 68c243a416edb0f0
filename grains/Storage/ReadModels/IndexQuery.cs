namespace OrleansShop.Storage;

/// <summary>
/// A page of one partition of an index, newest sort key first: entries tagged <see cref="Tag"/> (any
/// when null), sorted at or after <see cref="From"/>, before <see cref="Before"/> (the previous page's
/// last sort key, or an upper bound), and starting with <see cref="Prefix"/>.
/// </summary>
public sealed record IndexQuery(string Index, string Partition, int Limit)
{
    public string? Tag { get; init; }

    /// <summary>Inclusive lower bound of the sort key.</summary>
    public string? From { get; init; }

    /// <summary>Exclusive upper bound of the sort key.</summary>
    public string? Before { get; init; }

    /// <summary>Only sort keys that start with it (compared exactly, whatever the database's collation).</summary>
    public string? Prefix { get; init; }
}
