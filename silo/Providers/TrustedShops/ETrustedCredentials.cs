using System.Text;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// A shop's eTrusted API client (client credentials grant) and the channel its invitations go to.
/// <see cref="ToString"/> leaves the secret out, so logging a credentials object is safe.
/// </summary>
/// <param name="ChannelId">The shop's eTrusted channel, <c>chl-…</c>.</param>
public sealed record ETrustedCredentials(string ClientId, string ClientSecret, string ChannelId)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ClientId = ").Append(ClientId).Append(", ClientSecret = (hidden), ChannelId = ").Append(ChannelId);
        return true;
    }
}
