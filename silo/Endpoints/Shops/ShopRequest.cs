using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansShop.Effects;
using OrleansShop.Grains.Platforms;
using OrleansShop.Grains.Reputation;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Providers.Platforms;
using OrleansShop.Silo.Providers.Smtp;

namespace OrleansShop.Silo.Endpoints.Shops;

/// <summary>The body of <c>PUT /v1/shops/{shopId}</c> (docs/http-api.md, Shops). Absent sections take their defaults.</summary>
internal sealed record ShopRequest(
    string? Name,
    WebhooksRequest? Webhooks,
    IReadOnlyList<string>? CodPaymentMethods,
    IReadOnlyDictionary<string, string>? StatusMap,
    ReputationSettings? Reputation,
    SmsSettings? Sms,
    InvoicingRequest? Invoicing,
    ReviewsRequest? Reviews,
    ShippingSettings? Shipping,
    JsonElement? ReputationProvider,
    JsonElement? SmsGateway,
    JsonElement? InvoicingProvider,
    JsonElement? Payments,
    JsonElement? Carrier,
    string? Url = null,
    string? Language = null,
    MailSettings? Mail = null,
    JsonElement? MailServer = null,
    CheckoutRequest? Checkout = null,
    WriteBackSettings? WriteBack = null,
    JsonElement? PlatformApi = null)
{
    /// <summary>
    /// The request that would configure the shop as it is, secrets included: what the console
    /// changes one section of before it is validated like any <c>PUT</c>.
    /// </summary>
    public static ShopRequest From(ShopSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        JsonElement? Section(string name) => settings.Credentials.TryGetValue(name, out var section) ? section : null;
        string? Read(string section, string property) => Section(section) is { } element ? ShopCredentials.Read(element, property) : null;

        return new ShopRequest(
            settings.Name,
            new WebhooksRequest(settings.Webhooks.Profile, settings.Webhooks.Secret, settings.Webhooks.OverlapHours),
            settings.CodPaymentMethods,
            settings.StatusMap,
            settings.Reputation,
            settings.Sms,
            new InvoicingRequest(settings.Invoicing.Enabled, settings.Invoicing.IssueOn, settings.Invoicing.CallbackUrl, Read("invoicingCallback", "secret"), settings.Invoicing.VatRate),
            new ReviewsRequest(
                settings.Reviews.Enabled, settings.Reviews.Tsid, settings.Reviews.Model, settings.Reviews.EventType,
                Read("reviews", "clientId"), Read("reviews", "clientSecret"), Read("reviews", "channelId"), Read("reviews", "protectionUser"), Read("reviews", "protectionPassword"),
                settings.Reviews.Consent, settings.Reviews.ConsentMetaKey),
            settings.Shipping,
            Section("reputationProvider"),
            Section("smsGateway"),
            Section("invoicingProvider"),
            Section("payments"),
            Section("carrier"),
            settings.Url,
            settings.Language,
            settings.Mail,
            Section(SmtpCredentials.Section),
            new CheckoutRequest(settings.Checkout.AllowedOrigins),
            settings.WriteBack,
            Section(PlatformCredentials.Section));
    }
}

/// <summary>Reading a write-only credential section back, for the console's "set" marks and for keeping what is not replaced.</summary>
internal static class ShopCredentials
{
    /// <summary>A string property of a credential section, found ignoring case; null when absent or not a string.</summary>
    public static string? Read(JsonElement section, string property)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var candidate in section.EnumerateObject())
        {
            if (string.Equals(candidate.Name, property, StringComparison.OrdinalIgnoreCase))
            {
                return candidate.Value.ValueKind switch
                {
                    JsonValueKind.String => candidate.Value.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    _ => candidate.Value.GetRawText(),
                };
            }
        }

        return null;
    }
}

/// <summary>The checkout snippet: the storefront origins whose pages may ask cod-eligibility from a browser.</summary>
internal sealed record CheckoutRequest(IReadOnlyList<string?>? AllowedOrigins = null);

/// <param name="OverlapHours">How long a replaced secret is still accepted, 0–720; default 24.</param>
internal sealed record WebhooksRequest(string? Profile, string? Secret, int? OverlapHours = null);

/// <summary>Invoicing: the public part, plus the callback's signing secret, which is write-only.</summary>
internal sealed record InvoicingRequest(bool Enabled = false, string IssueOn = "paid", string? CallbackUrl = null, string? CallbackSecret = null, string VatRate = "27");

/// <summary>Reviews: the public part, plus the eTrusted client and channel and the protection user, all write-only.</summary>
/// <param name="EventType">The eTrusted event type invitations are sent as; null takes <see cref="ShopDefaults.ETrustedEventType"/> when reviews are enabled.</param>
internal sealed record ReviewsRequest(
    bool Enabled = false,
    string? Tsid = null,
    string Model = "classic",
    string? EventType = null,
    string? ClientId = null,
    string? ClientSecret = null,
    string? ChannelId = null,
    string? ProtectionUser = null,
    string? ProtectionPassword = null,
    string? Consent = null,
    string? ConsentMetaKey = null);

internal static partial class ShopRequestValidation
{
    /// <summary>A replaced webhook secret is accepted for at most 30 days.</summary>
    public const int MaxOverlapHours = 720;

    /// <summary>eTrusted's own event type ("please avoid setting the type to checkout").</summary>
    private const string ReservedEventType = "checkout";

    public static readonly IReadOnlySet<string> Profiles = new HashSet<string>(StringComparer.Ordinal) { "standard", "shopify", "woocommerce", "ideasoft" };
    public static readonly IReadOnlySet<string> CanonicalStatuses = new HashSet<string>(StringComparer.Ordinal) { "paid", "shipped", "closed", "closed_paid", "not_collected", "cancelled" };

    /// <summary>Validates the request; every invalid field is named. Returns the settings when valid.</summary>
    public static ShopSettings? Validate(ShopRequest request, Dictionary<string, string[]> errors)
    {
        void Fail(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            Fail("name", "name is required, at most 200 characters.");
        }

        if (request.Language is { } language && !ShopDefaults.Languages.Contains(language))
        {
            Fail("language", $"language is the buyers' language: {string.Join(", ", ShopDefaults.Languages)}.");
        }

        if (request.Url is { } shopUrl && !IsWebAddress(shopUrl))
        {
            Fail("url", "url is the storefront's address: an absolute http or https URL of at most 2000 characters, without user or password.");
        }

        var profile = request.Webhooks?.Profile;
        if (profile is null || !Profiles.Contains(profile))
        {
            Fail("webhooks.profile", "webhooks.profile must be standard, shopify, woocommerce or ideasoft.");
        }

        if (request.Webhooks?.OverlapHours is < 0 or > MaxOverlapHours)
        {
            Fail("webhooks.overlapHours", $"webhooks.overlapHours is how long a replaced secret is still accepted: 0 (cut over at once) to {MaxOverlapHours} hours.");
        }

        var secret = request.Webhooks?.Secret;
        if (string.IsNullOrEmpty(secret) || secret.Length > 512)
        {
            Fail("webhooks.secret", "webhooks.secret is required, at most 512 characters.");
        }
        else if (profile == "standard" && !IsStandardSecret(secret))
        {
            Fail("webhooks.secret", "A standard profile's secret is 'whsec_' followed by base64 (at least 24 bytes).");
        }

        if (request.CodPaymentMethods is { } methods && (methods.Count > 50 || methods.Any(m => string.IsNullOrWhiteSpace(m) || m.Length > 100)))
        {
            Fail("codPaymentMethods", "codPaymentMethods holds at most 50 non-empty names of at most 100 characters.");
        }

        if (request.StatusMap is { } map)
        {
            if (map.Count > 100 || map.Keys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 100))
            {
                Fail("statusMap", "statusMap holds at most 100 non-empty shop statuses of at most 100 characters.");
            }
            else if (map.FirstOrDefault(e => !CanonicalStatuses.Contains(e.Value)) is { Key: { } bad })
            {
                Fail($"statusMap.{bad}", "statusMap values must be paid, shipped, closed, closed_paid, not_collected or cancelled.");
            }
        }

        if (request.Reputation is { ThresholdPercent: < 0 or > 100 })
        {
            Fail("reputation.thresholdPercent", "reputation.thresholdPercent must be between 0 and 100.");
        }

        if (request.Reputation is { } reputation && !CodActions.BelowThreshold.Contains(reputation.BelowThreshold))
        {
            Fail("reputation.belowThreshold", $"reputation.belowThreshold must be {string.Join(", ", CodActions.BelowThreshold.SkipLast(1))} or {CodActions.BelowThreshold[^1]}.");
        }

        if (request.Sms is { } sms)
        {
            if (!KeywordPattern().IsMatch(sms.Keyword ?? string.Empty))
            {
                Fail("sms.keyword", "sms.keyword is 1 to 20 letters.");
            }

            if (sms.ExpiresAfterMinutes is < 1 or > 43200)
            {
                Fail("sms.expiresAfterMinutes", "sms.expiresAfterMinutes must be between 1 and 43200 (30 days).");
            }

            if (string.IsNullOrWhiteSpace(sms.Template) || sms.Template.Length > 1000 || !sms.Template.Contains("(arg1)", StringComparison.Ordinal))
            {
                Fail("sms.template", "sms.template is required (at most 1000 characters) and must contain (arg1), the order reference.");
            }

            if (string.IsNullOrWhiteSpace(sms.ConfirmedText) || sms.ConfirmedText.Length > 1000)
            {
                Fail("sms.confirmedText", "sms.confirmedText is required, at most 1000 characters.");
            }
        }

        if (request.Invoicing is { } invoicing)
        {
            ValidateInvoicing(invoicing, Fail);
        }

        if (request.Reviews is { } reviews)
        {
            if (reviews.Model is not ("classic" or "excellence"))
            {
                Fail("reviews.model", "reviews.model must be classic or excellence.");
            }

            if (reviews.Tsid is { } tsid && !TsidPattern().IsMatch(tsid.Trim()))
            {
                Fail("reviews.tsid", "reviews.tsid is a Trusted Shops id: X followed by 32 letters or digits.");
            }
            else if (reviews.Enabled && reviews.Tsid is null)
            {
                Fail("reviews.tsid", "reviews.tsid is required when reviews are enabled.");
            }

            if (reviews.EventType is { } eventType && !EventTypePattern().IsMatch(eventType))
            {
                Fail("reviews.eventType", "reviews.eventType is the event type configured in the shop's eTrusted account: 1 to 64 lower-case letters, digits, '_' or '-'.");
            }
            else if (reviews.EventType == ReservedEventType)
            {
                Fail("reviews.eventType", "reviews.eventType cannot be checkout, which eTrusted reserves: use the event type configured in the shop's eTrusted account, such as delivery.");
            }

            if (reviews.Consent is { } consent && consent is not (ReviewConsents.Platform or ReviewConsents.Checkout))
            {
                Fail("reviews.consent", "reviews.consent is platform (the buyer's consent as the order carries it) or checkout (the shop asks every buyer at its checkout).");
            }

            if (reviews.ConsentMetaKey is { } metaKey && (string.IsNullOrWhiteSpace(metaKey) || metaKey.Length > 128))
            {
                Fail("reviews.consentMetaKey", "reviews.consentMetaKey is a WooCommerce order meta key of 1 to 128 characters.");
            }

            if (reviews.ChannelId is { } channel && !ChannelPattern().IsMatch(channel))
            {
                Fail("reviews.channelId", "reviews.channelId is an eTrusted channel id: chl- followed by letters, digits and dashes.");
            }
        }

        if (request.Shipping is { } shipping)
        {
            ShippingValidation.Validate(shipping, Fail);
        }

        if (request.Mail is { } mail)
        {
            if (mail.Enabled && string.IsNullOrWhiteSpace(mail.From))
            {
                Fail("mail.from", "mail.from is required when mail.enabled is true: the sender, e.g. \"Demo Shop <orders@shop.example>\".");
            }
            else if (mail.From is not null && !IsMailbox(mail.From))
            {
                Fail("mail.from", "mail.from is an e-mail address with an optional display name, e.g. \"Demo Shop <orders@shop.example>\", of at most 320 characters.");
            }

            if (mail.ReplyTo is not null && !IsMailbox(mail.ReplyTo))
            {
                Fail("mail.replyTo", "mail.replyTo is an e-mail address with an optional display name, of at most 320 characters.");
            }
        }

        if (request.MailServer is { } server)
        {
            var (_, field, problem) = server.ValueKind == JsonValueKind.Object ? SmtpCredentials.Read(server) : (null, "mailServer", "mailServer is an object: {\"host\",\"port\",\"security\",\"username\",\"password\"}.");
            if (problem is not null)
            {
                Fail(field!, problem);
            }
        }

        ValidateWriteBack(request, profile, Fail);
        var origins = request.Checkout is { } checkout ? CheckoutOrigins.Validate(checkout.AllowedOrigins, Fail) : [];

        if (request.Payments is { ValueKind: JsonValueKind.Object } payments && payments.TryGetProperty("iyzico", out var iyzico)
            && (iyzico.ValueKind != JsonValueKind.Object || !iyzico.TryGetProperty("secretKey", out var key) || key.ValueKind != JsonValueKind.String || key.GetString() is not { Length: > 0 and <= 256 }))
        {
            Fail("payments.iyzico.secretKey", "payments.iyzico.secretKey is the shop's iyzico secret key, 1 to 256 characters.");
        }

        if (errors.Count > 0)
        {
            return null;
        }

        return new ShopSettings
        {
            Name = request.Name!.Trim(),
            Url = request.Url?.Trim(),
            Language = request.Language ?? ShopDefaults.Language,
            Webhooks = new WebhookSettings(profile!, secret!, request.Webhooks?.OverlapHours ?? ShopDefaults.SecretOverlapHours),
            CodPaymentMethods = request.CodPaymentMethods ?? ShopDefaults.CodPaymentMethods,
            StatusMap = request.StatusMap ?? ShopDefaults.StatusMap,
            Reputation = request.Reputation ?? new ReputationSettings(),
            Sms = request.Sms ?? new SmsSettings(),
            Invoicing = request.Invoicing is { } i ? new InvoicingSettings(i.Enabled, i.IssueOn, i.CallbackUrl, decimal.Parse(i.VatRate, CultureInfo.InvariantCulture).ToString("0.##", CultureInfo.InvariantCulture)) : new InvoicingSettings(),
            Reviews = request.Reviews is { } r
                ? new ReviewSettings(r.Enabled, r.Tsid?.Trim().ToUpperInvariant(), r.Model, r.EventType ?? (r.Enabled ? ShopDefaults.ETrustedEventType : null), r.Consent ?? ReviewConsents.Platform, r.ConsentMetaKey?.Trim())
                : new ReviewSettings(),
            Shipping = request.Shipping is { } shippingSection ? ShippingValidation.Normalize(shippingSection) : new ShippingSettings(),
            Mail = request.Mail is { } m ? new MailSettings(m.Enabled, m.From?.Trim(), m.ReplyTo?.Trim()) : new MailSettings(),
            Checkout = new CheckoutSettings(origins),
            WriteBack = request.WriteBack is { } w
                ? new WriteBackSettings(w.Enabled, w.Statuses?.ToDictionary(e => e.Key, e => e.Value?.Trim() ?? string.Empty, StringComparer.Ordinal))
                : new WriteBackSettings(),
            Credentials = Credentials(request),
        };
    }

    private static Dictionary<string, JsonElement> Credentials(ShopRequest request)
    {
        var credentials = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        void Keep(string name, JsonElement? value)
        {
            if (value is { ValueKind: JsonValueKind.Object } section)
            {
                credentials[name] = section.Clone();
            }
        }

        Keep("reputationProvider", request.ReputationProvider);
        Keep("smsGateway", request.SmsGateway);
        Keep("invoicingProvider", request.InvoicingProvider);
        Keep("payments", request.Payments);
        Keep("carrier", request.Carrier);
        Keep(SmtpCredentials.Section, request.MailServer);
        Keep(PlatformCredentials.Section, request.PlatformApi);
        if (request.Invoicing is { CallbackSecret: { } callbackSecret })
        {
            credentials["invoicingCallback"] = JsonSerializer.SerializeToElement(new { secret = callbackSecret });
        }

        if (request.Reviews is { } reviews && new[] { reviews.ClientId, reviews.ClientSecret, reviews.ChannelId, reviews.ProtectionUser, reviews.ProtectionPassword }.Any(v => v is not null))
        {
            credentials["reviews"] = JsonSerializer.SerializeToElement(
                new { reviews.ClientId, reviews.ClientSecret, reviews.ChannelId, reviews.ProtectionUser, reviews.ProtectionPassword }, GrainJson.Options);
        }

        return credentials;
    }

    /// <summary>Write-back needs a platform to write to; its statuses are the platform's own names; its credentials are checked field by field.</summary>
    private static void ValidateWriteBack(ShopRequest request, string? profile, Action<string, string> fail)
    {
        var platform = profile is not null && PlatformNames.Platforms.Contains(profile);
        if (request.WriteBack is { } writeBack)
        {
            if (writeBack.Enabled && profile is not null && !platform)
            {
                fail("writeBack.enabled", $"writeBack needs a shop platform to write to: webhooks.profile {string.Join(", ", PlatformNames.Platforms)}, not '{profile}'.");
            }

            foreach (var (moment, status) in writeBack.Statuses ?? new Dictionary<string, string>())
            {
                if (!WriteBackDefaults.Moments.Contains(moment))
                {
                    fail($"writeBack.statuses.{moment}", $"writeBack.statuses takes {string.Join(", ", WriteBackDefaults.Moments)}, not '{moment}'.");
                }
                else if (status is null || status.Length > 100 || status.Any(char.IsControl))
                {
                    fail($"writeBack.statuses.{moment}", $"writeBack.statuses.{moment} is the platform's own status name, at most 100 characters (empty leaves the status alone).");
                }
            }
        }

        if (request.PlatformApi is { } section && profile is not null && PlatformCredentials.Problem(section, profile) is var (field, problem))
        {
            fail(field, problem);
        }
    }

    /// <summary>An address MimeKit takes as one mailbox (with an optional display name).</summary>
    private static bool IsMailbox(string value) =>
        value.Length is > 0 and <= 320 && MimeKit.MailboxAddress.TryParse(value.Trim(), out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal);

    private static void ValidateInvoicing(InvoicingRequest invoicing, Action<string, string> fail)
    {
        if (invoicing.IssueOn is not ("paid" or "closed"))
        {
            fail("invoicing.issueOn", "invoicing.issueOn must be paid or closed.");
        }

        if (!decimal.TryParse(invoicing.VatRate, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) || rate > 100 || invoicing.VatRate.Length > 6)
        {
            fail("invoicing.vatRate", "invoicing.vatRate is a VAT rate in percent between 0 and 100, as a string such as \"27\".");
        }

        if (invoicing.CallbackUrl is { } url && !IsWebAddress(url))
        {
            fail("invoicing.callbackUrl", "invoicing.callbackUrl is an absolute http(s) URL of at most 2000 characters, without user info.");
        }

        if (invoicing.CallbackUrl is not null && (invoicing.CallbackSecret is not { Length: <= 512 } secret || !IsStandardSecret(secret)))
        {
            fail("invoicing.callbackSecret", "invoicing.callbackSecret is required with a callbackUrl: 'whsec_' followed by base64 (at least 24 bytes).");
        }
    }

    private static bool IsStandardSecret(string secret)
    {
        if (!secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            return false;
        }

        var base64 = secret["whsec_".Length..];
        var padded = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var length) && length >= 24;
    }

    /// <summary>An absolute http(s) address of at most 2000 characters, without user or password.</summary>
    internal static bool IsWebAddress(string url) =>
        url.Length <= 2000 && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.UserInfo.Length == 0;

    [GeneratedRegex(@"^\p{L}{1,20}$")]
    private static partial Regex KeywordPattern();

    // Lenient with older certificate ids, written in lower case or with letters past F: any case and
    // surrounding spaces, X + 32 letters or digits; stored upper-cased. Every id issued has 33 characters.
    [GeneratedRegex("^[Xx][A-Za-z0-9]{32}$")]
    private static partial Regex TsidPattern();

    [GeneratedRegex("^chl-[A-Za-z0-9-]{1,64}$")]
    private static partial Regex ChannelPattern();

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex EventTypePattern();
}
