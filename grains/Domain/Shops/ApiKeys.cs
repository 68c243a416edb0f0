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

    public static bool Matches(string candidate, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(storedHash);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(candidate)), Encoding.ASCII.GetBytes(storedHash));
    }
}
