using System.Security.Cryptography;
using System.Text;

namespace OrleansShop.Grains.Shops;

/// <summary>
/// Shop API keys: 32 random bytes, shown once, stored as SHA-256. A key has full entropy, so a
/// fast hash is enough (a slow password hash would only slow every request).
/// </summary>
public static class ApiKeys
{
    private const string Prefix = "shk_";

    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Whether <paramref name="candidateHash"/>, a key's SHA-256, is the key <paramref name="storedHash"/> was made from.</summary>
    public static bool MatchesHash(ReadOnlySpan<byte> candidateHash, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        return Convert.FromHexString(storedHash, stored, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == stored.Length
            && CryptographicOperations.FixedTimeEquals(candidateHash, stored);
    }
}

/// <summary>
/// Shop publishable keys (<c>pk_</c> + 24 random bytes): the key a storefront's checkout page
/// carries to ask <c>cod-eligibility</c> and nothing else. Public by nature — anyone can read it
/// from the page — so it is kept as it is and shown with the shop, unlike the API key.
/// </summary>
public static class PublishableKeys
{
    public const string Prefix = "pk_";

    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Whether <paramref name="candidate"/> is <paramref name="key"/>, compared in constant time (for keys of one length).</summary>
    public static bool Matches(string candidate, string? key)
    {
        ArgumentNullException.ThrowIfNull(candidate);

        // The prefix is no secret: any other token (an API key, the admin token) is told apart without allocating.
        return key is not null && candidate.StartsWith(Prefix, StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(key));
    }
}
