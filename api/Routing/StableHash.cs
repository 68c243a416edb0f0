namespace OrleansShop.Gateway.Routing;

/// <summary>
/// FNV-1a over UTF-8. <see cref="string.GetHashCode()"/> is randomised per process, so anything
/// two processes must agree on (routing, rendezvous hashing) uses this instead.
/// </summary>
public static class StableHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Fnv1a64(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = OffsetBasis;
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var written = rune.EncodeToUtf8(buffer);
            for (var i = 0; i < written; i++)
            {
                hash ^= buffer[i];
                hash *= Prime;
            }
        }

        return hash;
    }

    public static ulong Fnv1a64(ReadOnlySpan<byte> utf8)
    {
        var hash = OffsetBasis;
        foreach (var b in utf8)
        {
            hash ^= b;
            hash *= Prime;
        }

        return hash;
    }
}
