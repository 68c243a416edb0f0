using System.Collections.Frozen;

namespace OrleansShop.Silo.Webhooks.Profiles;

/// <summary>
/// Every webhook profile by name. Profiles are stateless and thread-safe, so one instance of each
/// serves all shops.
/// </summary>
internal static class WebhookProfiles
{
    public static IReadOnlyList<IWebhookProfile> All { get; } =
        [new StandardProfile(), new ShopifyProfile(), new WooCommerceProfile(), new IdeasoftProfile()];

    private static readonly FrozenDictionary<string, IWebhookProfile> ByName =
        All.ToFrozenDictionary(profile => profile.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The profile a shop's <c>webhooks.profile</c> names, or null for a name that is none of them.</summary>
    public static IWebhookProfile? Find(string? name) =>
        name is not null && ByName.TryGetValue(name, out var profile) ? profile : null;
}
