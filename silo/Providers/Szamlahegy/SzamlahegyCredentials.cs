using System.Text;

namespace OrleansShop.Silo.Providers.Szamlahegy;

/// <summary>
/// A shop's Számlahegy account: the API key travels in the JSON body (<c>api_key</c>), and the
/// provider also allow-lists the caller's IP. <see cref="ToString"/> leaves the key out.
/// </summary>
/// <param name="BaseAddress">The API root, <see cref="DefaultBaseAddress"/> in production; a path prefix is kept.</param>
public sealed record SzamlahegyCredentials(Uri BaseAddress, string ApiKey)
{
    /// <summary>Where Számlahegy's own published clients send invoices.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://ugyfel.szamlahegy.hu/");

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("BaseAddress = ").Append(BaseAddress).Append(", ApiKey = (hidden)");
        return true;
    }
}
