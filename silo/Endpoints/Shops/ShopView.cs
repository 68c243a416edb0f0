using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Endpoints.Reviews;

namespace OrleansShop.Silo.Endpoints.Shops;

/// <summary>
/// A shop without its secrets: the webhook secret, API key and provider credentials are write-only.
/// The publishable key (<see cref="CheckoutView.PublishableKey"/>) is public by nature and shown.
/// <see cref="ReviewsCheck"/> is what Trusted Shops said of the reviews settings when they were saved.
/// </summary>
internal sealed record ShopView(
    string ShopId,
    string Name,
    string? Url,
    string Language,
    WebhooksView Webhooks,
    IReadOnlyList<string> CodPaymentMethods,
    IReadOnlyDictionary<string, string> StatusMap,
    ReputationSettings Reputation,
    SmsSettings Sms,
    InvoicingSettings Invoicing,
    ReviewSettings Reviews,
    ShippingSettings Shipping,
    MailSettings Mail,
    CheckoutView Checkout,
    WriteBackView WriteBack,
    IReadOnlyList<string> ConfiguredCredentials,
    ReviewAccountCheckView? ReviewsCheck,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ShopView From(ShopSnapshot shop) => new(
        shop.ShopId,
        shop.Settings.Name,
        shop.Settings.Url,
        shop.Settings.Language,
        WebhooksView.From(shop.Settings.Webhooks),
        shop.Settings.CodPaymentMethods,
        shop.Settings.StatusMap,
        shop.Settings.Reputation,
        shop.Settings.Sms,
        shop.Settings.Invoicing,
        shop.Settings.Reviews,
        shop.Settings.Shipping,
        shop.Settings.Mail,
        new CheckoutView(shop.Settings.Checkout.AllowedOrigins, shop.PublishableKey),
        WriteBackView.From(shop.Settings),
        [.. shop.Settings.Credentials.Keys.Order(StringComparer.Ordinal)],
        shop.ReviewsCheck is { } check ? ReviewAccountCheckView.From(check) : null,
        shop.CreatedAt,
        shop.UpdatedAt);
}

/// <param name="SecretSetAt">When the current secret was set (null for one set before this was kept).</param>
/// <param name="PreviousSecret">The secret it replaced, while that is still accepted; null otherwise.</param>
internal sealed record WebhooksView(string Profile, bool SecretSet, int OverlapHours, DateTimeOffset? SecretSetAt, PreviousSecretView? PreviousSecret)
{
    public static WebhooksView From(WebhookSettings webhooks) => new(
        webhooks.Profile,
        SecretSet: true,
        webhooks.OverlapHours,
        webhooks.SecretSetAt,
        webhooks is { PreviousSecret: not null, PreviousSecretUntil: { } until } ? new PreviousSecretView(webhooks.PreviousSecretSetAt, until) : null);
}

/// <summary>A replaced webhook secret still accepted: when it was set, and until when deliveries signed with it pass.</summary>
internal sealed record PreviousSecretView(DateTimeOffset? SetAt, DateTimeOffset AcceptedUntil);

/// <summary>The checkout snippet: the origins allowed to call from a browser, and the publishable key its pages carry.</summary>
/// <param name="Platform">The platform written to (the webhook profile), null for the standard profile, which has none.</param>
/// <param name="Statuses">The platform status each moment moves an order to, the platform's defaults filled in; a moment absent moves nothing.</param>
internal sealed record WriteBackView(bool Enabled, string? Platform, IReadOnlyDictionary<string, string> Statuses)
{
    public static WriteBackView From(ShopSettings settings)
    {
        var platform = Grains.Platforms.PlatformNames.Platforms.Contains(settings.Webhooks.Profile) ? settings.Webhooks.Profile : null;
        var statuses = platform is null ? new Dictionary<string, string>() : WriteBackDefaults.Moments
            .Select(m => (Moment: m, Status: settings.WriteBack.StatusFor(platform, m)))
            .Where(x => x.Status is not null)
            .ToDictionary(x => x.Moment, x => x.Status!, StringComparer.Ordinal);
        return new WriteBackView(settings.WriteBack.Enabled, platform, statuses);
    }
}

internal sealed record CheckoutView(IReadOnlyList<string> AllowedOrigins, string? PublishableKey);
