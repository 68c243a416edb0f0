namespace OrleansShop.Gateway.Routing;

/// <summary>
/// FNV-1a over UTF-8. <see cref="string.GetHashCode()"/> is randomised per process, and every
/// gateway replica must pick the same silo for a key.
/// </summary>
internal static class StableHash
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
}
