using System.Text.Json;

namespace OrleansShop.Grains.Shops;

/// <summary>A shop's configuration as its grain keeps it (docs/http-api.md, Shops). Secrets included: never returned as is.</summary>
public sealed record ShopSettings
{
    public required string Name { get; init; }

    /// <summary>The storefront's address (<c>https://shop.example</c>): what a Trusted Shops certificate must be issued for. Null when not given.</summary>
    public string? Url { get; init; }

    /// <summary>The language the shop's buyers read: the tracking page's. <c>en</c>, <c>hu</c>, <c>pl</c> or <c>tr</c>; default <c>en</c>.</summary>
    public string Language { get; init; } = ShopDefaults.Language;

    public required WebhookSettings Webhooks { get; init; }

    /// <summary>Payment method or gateway names that mean cash on delivery, compared ignoring case.</summary>
    public IReadOnlyList<string> CodPaymentMethods { get; init; } = ShopDefaults.CodPaymentMethods;

    /// <summary>Shop status → canonical status name.</summary>
    public IReadOnlyDictionary<string, string> StatusMap { get; init; } = ShopDefaults.StatusMap;

    public ReputationSettings Reputation { get; init; } = new();

    public SmsSettings Sms { get; init; } = new();

    public InvoicingSettings Invoicing { get; init; } = new();

    public ReviewSettings Reviews { get; init; } = new();

    public ShippingSettings Shipping { get; init; } = new();

    public MailSettings Mail { get; init; } = new();

    /// <summary>Telling the shop's platform what OrleansShop learned about its orders.</summary>
    public WriteBackSettings WriteBack { get; init; } = new();

    /// <summary>The storefront's checkout snippet: which origins may ask cod-eligibility from a browser with the publishable key.</summary>
    public CheckoutSettings Checkout { get; init; } = new();

    /// <summary>Provider credentials by section name (<c>smsGateway</c>, <c>invoicingProvider</c>, …): write-only.</summary>
    public IReadOnlyDictionary<string, JsonElement> Credentials { get; init; } = new Dictionary<string, JsonElement>();

    public bool IsCod(string paymentMethod) =>
        CodPaymentMethods.Any(m => string.Equals(m.Trim(), paymentMethod.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// How the shop's platform signs its webhooks. Changing <see cref="Secret"/> keeps the one before
/// it accepted for <see cref="OverlapHours"/> (as Svix does), so deliveries signed before the
/// platform took the new one still pass.
/// </summary>
/// <param name="OverlapHours">How long a replaced secret is still accepted; 0 cuts over at once. Default 24.</param>
/// <param name="SecretSetAt">When <see cref="Secret"/> was set; null for secrets set before this was kept.</param>
/// <param name="PreviousSecret">The secret before it, accepted until <see cref="PreviousSecretUntil"/>.</param>
public sealed record WebhookSettings(
    string Profile,
    string Secret,
    int OverlapHours = ShopDefaults.SecretOverlapHours,
    DateTimeOffset? SecretSetAt = null,
    string? PreviousSecret = null,
    DateTimeOffset? PreviousSecretSetAt = null,
    DateTimeOffset? PreviousSecretUntil = null)
{
    /// <summary>The secrets a delivery at <paramref name="now"/> may be signed with: the current one, then the previous one while it is accepted.</summary>
    public IEnumerable<string> AcceptedSecrets(DateTimeOffset now)
    {
        yield return Secret;
        if (PreviousSecret is { } previous && now < PreviousSecretUntil)
        {
            yield return previous;
        }
    }

    /// <summary>
    /// These settings as <paramref name="replaced"/> leaves them at <paramref name="now"/>: a new
    /// secret keeps the replaced one for the overlap; the same secret keeps its dates and its previous one.
    /// </summary>
    public WebhookSettings After(WebhookSettings? replaced, DateTimeOffset now)
    {
        if (replaced is null)
        {
            return this with { SecretSetAt = now, PreviousSecret = null, PreviousSecretSetAt = null, PreviousSecretUntil = null };
        }

        if (replaced.Secret == Secret)
        {
            var keep = replaced.PreviousSecretUntil > now;
            return this with
            {
                SecretSetAt = replaced.SecretSetAt,
                PreviousSecret = keep ? replaced.PreviousSecret : null,
                PreviousSecretSetAt = keep ? replaced.PreviousSecretSetAt : null,
                PreviousSecretUntil = keep ? replaced.PreviousSecretUntil : null,
            };
        }

        return OverlapHours == 0
            ? this with { SecretSetAt = now, PreviousSecret = null, PreviousSecretSetAt = null, PreviousSecretUntil = null }
            : this with { SecretSetAt = now, PreviousSecret = replaced.Secret, PreviousSecretSetAt = replaced.SecretSetAt, PreviousSecretUntil = now.AddHours(OverlapHours) };
    }
}

/// <param name="BlockCodBelowThreshold">Whether checkout's answer refuses cash on delivery to a buyer below the threshold.</param>
/// <param name="BelowThreshold">What a COD order of a buyer below the threshold does when it arrives: one of <see cref="Reputation.CodActions.BelowThreshold"/>.</param>
public sealed record ReputationSettings(int ThresholdPercent = 80, bool BlockCodBelowThreshold = false, string BelowThreshold = Reputation.CodActions.Flag);

public sealed record SmsSettings(
    bool Enabled = false,
    string Keyword = "ONAY",
    int ExpiresAfterMinutes = 2880,
    string Template = ShopDefaults.SmsTemplate,
    string ConfirmedText = ShopDefaults.SmsConfirmedText);

/// <param name="IssueOn"><c>paid</c> or <c>closed</c>: the state whose arrival issues the invoice.</param>
/// <param name="CallbackUrl">Where the shop is told of its invoices (a signed POST); null for no callback. Its secret is in the credentials, write-only.</param>
/// <param name="VatRate">The VAT rate in percent for lines that carry none, and for shipping. Default 27, Hungary's standard rate.</param>
public sealed record InvoicingSettings(bool Enabled = false, string IssueOn = "paid", string? CallbackUrl = null, string VatRate = "27");

/// <param name="EventType">
/// The type of the events that invite buyers: the event type configured in the shop's eTrusted account,
/// never <c>checkout</c>, which eTrusted reserves. <see cref="ShopDefaults.ETrustedEventType"/> when a shop
/// enables reviews without one. Null when reviews are off, and in settings saved before shops had one:
/// invitations without one go out as <see cref="ShopDefaults.ETrustedEventType"/>.
/// </param>
/// <param name="Consent">
/// Where the buyer's consent to a review invitation comes from: <c>platform</c> (what the order
/// carries: the canonical <c>reviewConsent</c>, Shopify's e-mail marketing consent, the WooCommerce
/// meta key <paramref name="ConsentMetaKey"/>) or <c>checkout</c> (the shop asks every buyer at its
/// own checkout, so every order counts as consented).
/// </param>
/// <param name="ConsentMetaKey">For WooCommerce: the order meta key whose value (<c>yes</c>, <c>1</c>, <c>true</c>, <c>on</c>) is the buyer's consent.</param>
public sealed record ReviewSettings(bool Enabled = false, string? Tsid = null, string Model = "classic", string? EventType = null, string Consent = ReviewConsents.Platform, string? ConsentMetaKey = null);

/// <summary>Where a shop's buyers' review consent comes from (<see cref="ReviewSettings.Consent"/>).</summary>
public static class ReviewConsents
{
    public const string Platform = "platform";
    public const string Checkout = "checkout";

    /// <summary>How a meta value reads as consent: <c>yes</c>, <c>1</c>, <c>true</c> or <c>on</c>, ignoring case and spaces.</summary>
    public static bool IsYes(string value) =>
        value.Trim().ToLowerInvariant() is "yes" or "1" or "true" or "on";
}

/// <summary>Buyer e-mails beside the SMS texts (docs/http-api.md, Buyer e-mails).</summary>
/// <param name="From">The sender, an address with an optional display name (<c>Demo Shop &lt;orders@shop.example&gt;</c>); required when enabled.</param>
/// <param name="ReplyTo">Where the buyers' answers go; the sender's address when null.</param>
public sealed record MailSettings(bool Enabled = false, string? From = null, string? ReplyTo = null);

/// <summary>
/// Writing facts back to the shop's platform (docs/http-api.md, Platform write-back): tags and notes
/// on the order, its status moved. The platform is the shop's <c>webhooks.profile</c>; its admin
/// access is the write-only <c>platformApi</c> credentials section, which the sandbox does without.
/// </summary>
/// <param name="Statuses">
/// The platform's own status each moment moves the order to (WooCommerce, Ideasoft), by
/// <c>confirmed</c>, <c>held</c> and <c>cancelled</c>; an empty value leaves the status alone. Null,
/// or a moment left out, takes the platform's default (<see cref="WriteBackDefaults.StatusesOf"/>).
/// </param>
public sealed record WriteBackSettings(bool Enabled = false, IReadOnlyDictionary<string, string>? Statuses = null)
{
    /// <summary>The platform status <paramref name="moment"/> moves an order to on <paramref name="platform"/>; null for none.</summary>
    public string? StatusFor(string platform, string moment) =>
        Statuses is not null && Statuses.TryGetValue(moment, out var chosen) ? (string.IsNullOrWhiteSpace(chosen) ? null : chosen.Trim())
        : WriteBackDefaults.StatusesOf(platform).TryGetValue(moment, out var standard) ? standard
        : null;
}

/// <summary>The moments that move a platform's order, and each platform's own statuses for them.</summary>
public static class WriteBackDefaults
{
    public const string Confirmed = "confirmed";
    public const string Held = "held";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> Moments { get; } = [Confirmed, Held, Cancelled];

    private static readonly IReadOnlyDictionary<string, string> WooCommerce = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Confirmed] = "processing",
        [Held] = "on-hold",
        [Cancelled] = "cancelled",
    };

    private static readonly IReadOnlyDictionary<string, string> Ideasoft = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Confirmed] = "being_prepared",
        [Held] = "waiting_for_approval",
        [Cancelled] = "cancelled",
    };

    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>
    /// WooCommerce's and Ideasoft's own statuses; none for Shopify, whose orders have no status to
    /// set (a cancellation there is Shopify's own <c>orderCancel</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> StatusesOf(string platform) => platform switch
    {
        Platforms.PlatformNames.WooCommerce => WooCommerce,
        Platforms.PlatformNames.Ideasoft => Ideasoft,
        _ => None,
    };
}

/// <summary>
/// Handing orders to a carrier and texting the buyer as the parcel moves. The carrier's account is
/// the write-only <c>carrier</c> credentials section; without it the embedded default uses the sandbox carrier.
/// </summary>
/// <param name="Carrier">The carrier: <c>yurtici</c> (Yurtiçi Kargo).</param>
/// <param name="CodCollectionType">How the courier collects a COD amount: <c>cash</c> or <c>card</c>.</param>
/// <param name="HandedOverText">The SMS when the carrier has the parcel: <c>(arg0)</c> buyer, <c>(arg1)</c> reference, <c>(arg2)</c> tracking code, <c>(arg3)</c> tracking link.</param>
/// <param name="DeliveredText">The SMS when the parcel is delivered, with the same placeholders.</param>
/// <param name="Sender">Who the shipping label names as the sender, besides the shop's name; null prints the shop's name alone.</param>
public sealed record ShippingSettings(
    bool Enabled = false,
    string Carrier = "yurtici",
    string CodCollectionType = "cash",
    string HandedOverText = ShopDefaults.HandedOverText,
    string DeliveredText = ShopDefaults.DeliveredText,
    ShippingSender? Sender = null);

/// <summary>The sender a shipping label prints: the shop's return address and phone (the shop's, not a buyer's data).</summary>
/// <param name="Name">The sender's name when it is not the shop's name (a company name, say); null prints the shop's name.</param>
/// <param name="Address">The street address, one or more lines.</param>
/// <param name="City">The city (in Turkey the district and province, e.g. <c>Kadıköy / İstanbul</c>).</param>
/// <param name="PostalCode">The postal code, when there is one.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2, e.g. <c>TR</c>.</param>
/// <param name="Phone">A phone number for the courier, as it should be printed.</param>
public sealed record ShippingSender(string? Name, string? Address, string? City, string? PostalCode, string? CountryCode, string? Phone);

/// <summary>The checkout snippet's settings (docs/http-api.md, Checkout: the storefront snippet).</summary>
/// <param name="AllowedOrigins">
/// The storefront origins (<c>https://shop.example</c>, kept as <c>scheme://host[:port]</c> in lower case)
/// whose pages may call cod-eligibility from a browser (CORS); empty for none.
/// </param>
public sealed record CheckoutSettings(IReadOnlyList<string> AllowedOrigins)
{
    public CheckoutSettings()
        : this([])
    {
    }
}

public static class ShopDefaults
{
    public const string Language = "en";

    /// <summary>The languages buyers' pages are written in.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "hu", "pl", "tr"];

    /// <summary>How long a replaced webhook secret is still accepted: Svix's 24 hours.</summary>
    public const int SecretOverlapHours = 24;

    public const string HandedOverText = "Sn. (arg0), (arg1) numarali siparisiniz kargoya verildi. Kargo takip no: (arg2) (arg3)";
    public const string DeliveredText = "Sn. (arg0), (arg1) numarali siparisiniz teslim edildi. Bizi tercih ettiginiz icin tesekkur ederiz.";

    /// <summary>The eTrusted event type most accounts invite on; eTrusted reserves <c>checkout</c>.</summary>
    public const string ETrustedEventType = "delivery";

    public const string SmsTemplate = "Sn. (arg0), (arg1) numarali siparisinizi onaylamak icin ONAY (arg1) yazip gonderin.";
    public const string SmsConfirmedText = "Siparisiniz onaylanmistir.";

    public static IReadOnlyList<string> CodPaymentMethods { get; } = ["cod", "Cash on Delivery (COD)", "utánvét", "kapıda ödeme"];

    /// <summary>The seed's Hungarian statuses: three positive outcomes and one negative.</summary>
    public static IReadOnlyDictionary<string, string> StatusMap { get; } = new Dictionary<string, string>
    {
        ["Fizetve"] = "paid",
        ["Megrendelés lezárva, fizetve"] = "closed_paid",
        ["Megrendelés lezárva"] = "closed",
        ["Vevő nem vette át"] = "not_collected",
    };
}
