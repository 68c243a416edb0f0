using System.Text;

namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>
/// A shop's Utánvét Ellenőr API keys, sent as HTTP Basic auth (public key as user, private key as
/// password). The base address is configurable so tests can point it at a local server.
/// <see cref="ToString"/> leaves both keys out, so logging a credentials object is safe.
/// </summary>
/// <param name="BaseAddress">The API root, <see cref="DefaultBaseAddress"/> in production; a path prefix is kept.</param>
public sealed record UtanvetEllenorCredentials(Uri BaseAddress, string PublicKey, string PrivateKey)
{
    public static Uri DefaultBaseAddress { get; } = new("https://utanvet-ellenor.hu/");

    /// <summary>The provider's own sandbox: the same API answering with randomised data; never for production.</summary>
    public static Uri SandboxBaseAddress { get; } = new("https://sandbox.utanvet-ellenor.hu/");

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("BaseAddress = ").Append(BaseAddress).Append(", PublicKey = (hidden), PrivateKey = (hidden)");
        return true;
    }
}
