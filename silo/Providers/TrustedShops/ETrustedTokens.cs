using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// Access tokens by API client, kept until shortly before eTrusted says they expire. Keyed by a
/// hash of the client id and secret: a shop that changes its secret gets a new token, and the
/// secret itself is not kept here.
/// </summary>
public sealed class ETrustedTokens(TimeProvider time, IOptions<TrustedShopsOptions> options)
{
    private readonly TimeSpan _renewalMargin = options.Value.TokenRenewalMargin;

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset RenewAt)> _tokens = new(StringComparer.Ordinal);

    public string? Find(ETrustedCredentials credentials) =>
        _tokens.TryGetValue(Key(credentials), out var cached) && time.GetUtcNow() < cached.RenewAt ? cached.Token : null;

    public void Keep(ETrustedCredentials credentials, string token, TimeSpan lifetime)
    {
        // A lifetime shorter than the margin is still used for this call, just not cached.
        _tokens[Key(credentials)] = (token, time.GetUtcNow() + lifetime - _renewalMargin);
    }

    /// <summary>Forgets a token eTrusted refused, unless another call already replaced it.</summary>
    public void Forget(ETrustedCredentials credentials, string token)
    {
        var key = Key(credentials);
        if (_tokens.TryGetValue(key, out var cached) && cached.Token == token)
        {
            _tokens.TryRemove(new KeyValuePair<string, (string, DateTimeOffset)>(key, cached));
        }
    }

    private static string Key(ETrustedCredentials credentials) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{credentials.ClientId}\n{credentials.ClientSecret}")));
}
