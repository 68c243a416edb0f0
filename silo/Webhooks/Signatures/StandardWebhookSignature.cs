using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansShop.Silo.Webhooks.Signatures;

/// <summary>
/// Standard Webhooks 1.0.0: HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c> with the base64 key after
/// <c>whsec_</c>, sent as a space-separated list of <c>v1,&lt;base64&gt;</c> in <c>webhook-signature</c>.
/// Pure functions: the clock is a parameter so the published vectors can be checked.
/// </summary>
internal static class StandardWebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>How far a timestamp may be from now, either way (the specification's five minutes).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private const string SecretPrefix = "whsec_";
    private const string Version = "v1";
    private const int HashSize = 32;

    /// <summary>The <c>v1,&lt;base64&gt;</c> entry a sender would put in <c>webhook-signature</c>.</summary>
    public static string Sign(string secret, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(timestamp);
        var key = DecodeSecret(secret) ?? throw new ArgumentException("The secret is not base64 after its whsec_ prefix.", nameof(secret));
        Span<byte> hash = stackalloc byte[HashSize];
        ComputeHash(key, id, timestamp, body, hash);
        return Version + "," + Convert.ToBase64String(hash);
    }

    /// <summary>Null when one of the <c>v1</c> signatures matches and the timestamp is within <see cref="Tolerance"/> of <paramref name="now"/>.</summary>
    public static SignatureFailure? Verify(string secret, string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            return new SignatureFailure($"The {IdHeader}, {TimestampHeader} and {SignatureHeader} headers are all required.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return new SignatureFailure($"The {TimestampHeader} header is not a Unix time in seconds.");
        }

        // Both are non-negative, so the difference cannot overflow.
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > (long)Tolerance.TotalSeconds)
        {
            return new SignatureFailure($"The {TimestampHeader} header is more than {Tolerance.TotalMinutes} minutes from now.");
        }

        var key = DecodeSecret(secret);
        if (key is null)
        {
            return new SignatureFailure("The shop's webhook secret is not a whsec_ base64 key.");
        }

        Span<byte> expected = stackalloc byte[HashSize];
        ComputeHash(key, id, timestamp, body, expected);
        Span<byte> presented = stackalloc byte[HashSize];
        var matched = false;
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || !entry.AsSpan(0, comma).SequenceEqual(Version))
            {
                continue;
            }

            // Every entry is compared, so the time taken does not say which one matched.
            var value = entry.AsSpan(comma + 1);
            matched |= Convert.TryFromBase64Chars(value, presented, out var written)
                && written == HashSize
                && CryptographicOperations.FixedTimeEquals(expected, presented);
        }

        return matched ? null : new SignatureFailure($"No {Version} entry in the {SignatureHeader} header matches.");
    }

    /// <summary>The HMAC key: the base64 after <c>whsec_</c>, padded first because some senders drop the padding.</summary>
    private static byte[]? DecodeSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var remainder = encoded.Length % 4;
        if (remainder != 0)
        {
            encoded += new string('=', 4 - remainder);
        }

        var key = new byte[encoded.Length / 4 * 3];
        return encoded.Length > 0 && Convert.TryFromBase64String(encoded, key, out var written) ? key[..written] : null;
    }

    private static void ComputeHash(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(id + "." + timestamp + "."));
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }
}
