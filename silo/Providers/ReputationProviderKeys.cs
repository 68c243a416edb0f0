using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Providers;

/// <summary>A shop's <c>reputationProvider</c> section: its Utánvét Ellenőr API keys.</summary>
internal sealed record ReputationProviderKeys(string? PublicKey, string? PrivateKey)
{
    public const string Section = "reputationProvider";

    /// <summary>The shop's keys when both are set; null when the shop has no upstream provider.</summary>
    public static ReputationProviderKeys? Of(ShopSettings shop) =>
        shop.Credentials.TryGetValue(Section, out var section)
        && section.Deserialize<ReputationProviderKeys>(GrainJson.Options) is { PublicKey.Length: > 0, PrivateKey.Length: > 0 } keys
            ? keys
            : null;

    /// <summary>Names the account in cache keys without holding a secret: a digest of the public key only.</summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PublicKey!)))[..16];

    // Keys are secrets: a logged or printed record shows neither.
    public override string ToString() => "ReputationProviderKeys { (hidden) }";
}
