using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansShop.Grains.Privacy;

/// <summary>
/// An e-mail address as OrleansShop keeps it: HMAC-SHA256 with the cluster's pepper over the
/// normalised address, with the pepper's version beside it. A plain SHA-256 would be reversible
/// by dictionary; the plaintext is dropped at the edge.
/// </summary>
public sealed record EmailPseudonym(string Hash, int KeyVersion);

public sealed class EmailPseudonymizer
{
    private readonly byte[] _pepper;

    public EmailPseudonymizer(byte[] pepper, int keyVersion)
    {
        ArgumentNullException.ThrowIfNull(pepper);
        if (pepper.Length < 32)
        {
            throw new ArgumentException("The pepper must be at least 32 bytes.", nameof(pepper));
        }

        _pepper = pepper;
        KeyVersion = keyVersion;
    }

    public int KeyVersion { get; }

    /// <summary>A pseudonymizer from configuration; throws when the pepper is not base64 of at least 32 bytes (see <see cref="ReputationPepperOptionsValidator"/>).</summary>
    public static EmailPseudonymizer FromOptions(ReputationPepperOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.PepperBytes() ?? throw new ArgumentException("The pepper must be base64 of at least 32 bytes.", nameof(options)), options.PepperVersion);
    }

    public EmailPseudonym Pseudonymize(string email) =>
        new(Convert.ToHexStringLower(HMACSHA256.HashData(_pepper, Encoding.UTF8.GetBytes(Normalize(email)))), KeyVersion);

    /// <summary>
    /// A phone number (E.164) keyed the same way, with its own prefix so it never equals an e-mail's:
    /// what finds a caller's orders without keeping the number.
    /// </summary>
    public string PseudonymizePhone(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_pepper, Encoding.UTF8.GetBytes($"tel:{e164}")));
    }

    /// <summary>Trim and lower-case; for gmail.com and googlemail.com also drop dots and any +tag in the local part.</summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var address = email.Trim().ToLower(CultureInfo.InvariantCulture);
        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return address;
        }

        var (local, domain) = (address[..at], address[(at + 1)..]);
        if (domain is "gmail.com" or "googlemail.com")
        {
            var plus = local.IndexOf('+', StringComparison.Ordinal);
            local = (plus >= 0 ? local[..plus] : local).Replace(".", string.Empty, StringComparison.Ordinal);
        }

        return $"{local}@{domain}";
    }
}
