namespace OrleansShop.Runtime;

/// <summary>
/// The identity of a grain: its registered type name and its string key (an order is
/// <c>order</c> + <c>shopId/orderId</c>). Equal identities always mean the same stored row.
/// </summary>
public readonly record struct GrainId
{
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(key);
        Type = type;
        Key = key;
    }

    public string Type { get; }

    public string Key { get; }

    /// <summary>A hash that is the same in every process and every run, for routing.</summary>
    public ulong GetStableHash() => StableHash.Fnv1a64(ToString());

    public override string ToString() => $"{Type}/{Key}";
}
