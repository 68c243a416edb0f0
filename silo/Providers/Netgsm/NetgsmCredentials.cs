using System.Globalization;
using System.Text;

namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>
/// A shop's Netgsm API user. The base address is configurable so tests can point it at a local
/// server. <see cref="ToString"/> leaves the password out, so logging a credentials object is safe.
/// </summary>
/// <param name="BaseAddress">Netgsm's API root, <see cref="DefaultBaseAddress"/> in production; a path prefix is kept.</param>
/// <param name="UserCode">The API user code (Netgsm's <c>usercode</c>, usually the subscriber number).</param>
public sealed record NetgsmCredentials(Uri BaseAddress, string UserCode, string Password)
{
    public static Uri DefaultBaseAddress { get; } = new("https://api.netgsm.com.tr/");

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"BaseAddress = {BaseAddress}, UserCode = {UserCode}, Password = (hidden)");
        return true;
    }
}
