using OrleansShop.Effects;
using OrleansShop.Grains.Reviews;

namespace OrleansShop.Grains.Shops;

/// <summary>One shop: its configuration, webhook secret and API key. Key: the shop id.</summary>
public interface IShopGrain : IGrainWithStringKey
{
    /// <summary>Creates the shop (answering its first API key, once) or updates it.</summary>
    Task<ShopConfigured> ConfigureAsync(ShopSettings settings);

    /// <summary>A new API key; the old one stops working. Null when the shop does not exist.</summary>
    Task<string?> RotateApiKeyAsync();

    /// <summary>A new publishable key (<c>pk_…</c>, for the storefront's checkout); the old one stops working. Null when the shop does not exist.</summary>
    Task<string?> RotatePublishableKeyAsync();

    /// <summary>The shop with its secrets, for authentication and webhook verification; null when it does not exist.</summary>
    Task<ShopSnapshot?> GetAsync();

    /// <summary>
    /// Keeps what the review provider said of the settings saved at <paramref name="settingsSavedAt"/>;
    /// ignored (null) when the shop was saved again since, so an older check never replaces a newer one.
    /// </summary>
    Task<ShopSnapshot?> RecordReviewsCheckAsync(ReviewAccountCheck check, DateTimeOffset settingsSavedAt);
}

/// <param name="ApiKey">Only when the shop was created: the plaintext key is never stored or shown again.</param>
public sealed record ShopConfigured(bool Created, string? ApiKey, ShopSnapshot Shop);

/// <summary>The shop as its grain holds it. Immutable for Orleans (passed by reference within a silo): the grain replaces its settings, never changes them, and readers only read.</summary>
[Immutable]
/// <param name="ReviewsCheck">What the review provider said of the reviews settings as they are; null until checked, and after they change.</param>
/// <param name="PublishableKey">The storefront's key (<c>pk_…</c>), which may ask only <c>cod-eligibility</c>; public, so kept and shown as it is.</param>
public sealed record ShopSnapshot(string ShopId, ShopSettings Settings, string ApiKeyHash, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ReviewAccountCheck? ReviewsCheck = null, string? PublishableKey = null)
{
    /// <summary>Whether <paramref name="token"/> is this shop's publishable key.</summary>
    public bool IsPublishableKey(string token) => PublishableKeys.Matches(token, PublishableKey);

    /// <summary>Whether the key whose SHA-256 is <paramref name="candidateHash"/> is this shop's.</summary>
    public bool AcceptsApiKeyHash(ReadOnlySpan<byte> candidateHash) => ApiKeys.MatchesHash(candidateHash, ApiKeyHash);
}
