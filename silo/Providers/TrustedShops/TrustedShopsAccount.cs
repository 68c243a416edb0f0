using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Providers.TrustedShops;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// A shop's <c>reviews</c> credentials as docs/http-api.md names them: the eTrusted API client and channel
/// (<c>clientId</c>, <c>clientSecret</c>, <c>channelId</c>) and, for Excellence buyer protection,
/// the protection web-service user (<c>protectionUser</c>, <c>protectionPassword</c>).
/// </summary>
internal sealed record TrustedShopsAccount(string? ClientId, string? ClientSecret, string? ChannelId, string? ProtectionUser, string? ProtectionPassword)
{
    public const string Section = "reviews";

    public static async Task<TrustedShopsAccount?> FindAsync(IGrainFactory grains, string shopId) =>
        await grains.GetGrain<IShopGrain>(shopId).GetAsync() is { } shop && shop.Settings.Credentials.ContainsKey(Section) ? From(shop.Settings) : null;

    /// <summary>The shop's account; every value null when it has no <c>reviews</c> credentials.</summary>
    public static TrustedShopsAccount From(ShopSettings settings) =>
        settings.Credentials.TryGetValue(Section, out var section) && section.Deserialize<TrustedShopsAccount>(GrainJson.Options) is { } account
            ? account
            : new TrustedShopsAccount(null, null, null, null, null);

    public bool HasETrustedClient => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(ChannelId);

    public bool HasProtectionLogin => !string.IsNullOrWhiteSpace(ProtectionUser) && !string.IsNullOrWhiteSpace(ProtectionPassword);

    public ETrustedCredentials ETrusted => new(ClientId ?? string.Empty, ClientSecret ?? string.Empty, ChannelId ?? string.Empty);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ClientId = ").Append(ClientId).Append(", ChannelId = ").Append(ChannelId).Append(", ProtectionUser = ").Append(ProtectionUser).Append(", secrets (hidden)");
        return true;
    }

    public ProtectionCredentials Protection(string tsid) => new(tsid, ProtectionUser ?? string.Empty, ProtectionPassword ?? string.Empty);
}
