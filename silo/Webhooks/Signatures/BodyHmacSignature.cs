using System.Security.Cryptography;
using System.Text;

namespace OrleansShop.Silo.Webhooks.Signatures;

/// <summary>
/// The body signature Shopify, WooCommerce and Ideasoft share: base64(HMAC-SHA256(secret's UTF-8
/// bytes, raw body)) in one header. Only the header's name differs between them.
/// </summary>
internal static class BodyHmacSignature
{
    private const int HashSize = 32;

    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>Null when <paramref name="signature"/> is the body's signature under <paramref name="secret"/>.</summary>
    public static SignatureFailure? Verify(string secret, string headerName, string? signature, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrWhiteSpace(signature))
        {
            return new SignatureFailure($"The {headerName} header is missing.");
        }

        Span<byte> presented = stackalloc byte[HashSize];
        if (!Convert.TryFromBase64String(signature.Trim(), presented, out var written) || written != HashSize)
        {
            return new SignatureFailure($"The {headerName} header is not a base64 HMAC-SHA256.");
        }

        Span<byte> expected = stackalloc byte[HashSize];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented)
            ? null
            : new SignatureFailure($"The {headerName} header does not match the body.");
    }
}
