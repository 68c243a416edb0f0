using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Endpoints.Shops;

namespace OrleansShop.Silo.Console.Settings;

/// <summary>
/// The settings page's forms, one per section of a shop's configuration. Each starts from the shop
/// as it is and changes its own section of the <see cref="ShopRequest"/>, which is then validated by
/// the API's own rules. Secrets are write-only: an empty secret field keeps the one that is set.
/// </summary>
internal static class SettingsForms
{
    /// <summary>A credential section with the given non-empty values replaced; the section as it was when none is given.</summary>
    public static JsonElement? Merge(JsonElement? existing, params (string Name, string? Value)[] given)
    {
        var changes = given.Where(g => !string.IsNullOrWhiteSpace(g.Value)).ToList();
        if (changes.Count == 0)
        {
            return existing;
        }

        var merged = existing is { ValueKind: JsonValueKind.Object } section ? JsonNode.Parse(section.GetRawText())!.AsObject() : [];
        foreach (var (name, value) in changes)
        {
            merged[name] = value!.Trim();
        }

        return JsonSerializer.SerializeToElement(merged);
    }

    /// <summary>Whether a write-only value is set: the console shows "set", never the value.</summary>
    public static bool IsSet(ShopSettings settings, string section, string property) =>
        settings.Credentials.TryGetValue(section, out var element) && ShopCredentials.Read(element, property) is { Length: > 0 };

    public static IReadOnlyList<string> Lines(string? text) =>
        [.. (text ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    /// <summary>An integer field; a value that is not one is left for the API's rule to refuse, by a number out of any range.</summary>
    public static int Integer(string? text) => int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : int.MinValue;

    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

internal sealed class GeneralForm
{
    public string? Name { get; set; }

    /// <summary>The storefront's address.</summary>
    public string? Url { get; set; }

    /// <summary>The buyers' language.</summary>
    public string? Language { get; set; }

    /// <summary>One payment method name per line.</summary>
    public string? CodPaymentMethods { get; set; }

    /// <summary>One <c>shop status = canonical status</c> per line.</summary>
    public string? StatusMap { get; set; }

    public static GeneralForm From(ShopSettings settings) => new()
    {
        Name = settings.Name,
        Url = settings.Url,
        Language = settings.Language,
        CodPaymentMethods = string.Join('\n', settings.CodPaymentMethods),
        StatusMap = string.Join('\n', settings.StatusMap.Select(e => $"{e.Key} = {e.Value}")),
    };

    public ShopRequest Apply(ShopRequest request, Dictionary<string, string[]> errors)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in SettingsForms.Lines(StatusMap))
        {
            var split = line.LastIndexOf('=');
            if (split <= 0)
            {
                errors["statusMap"] = [$"Each line of statusMap is 'shop status = canonical status'; '{line}' is not."];
                break;
            }

            map[line[..split].Trim()] = line[(split + 1)..].Trim();
        }

        return request with { Name = Name?.Trim(), Url = SettingsForms.Blank(Url), Language = Language ?? request.Language, CodPaymentMethods = SettingsForms.Lines(CodPaymentMethods), StatusMap = map };
    }
}

internal sealed class WebhooksForm
{
    public string? Profile { get; set; }

    public string? Secret { get; set; }

    /// <summary>How long a replaced secret is still accepted, in hours.</summary>
    public string? OverlapHours { get; set; }

    public static WebhooksForm From(ShopSettings settings) =>
        new() { Profile = settings.Webhooks.Profile, OverlapHours = settings.Webhooks.OverlapHours.ToString(CultureInfo.InvariantCulture) };

    /// <param name="mayChangeProfile">Only operators change the profile (as only the admin token does in the API); a merchant's form keeps it.</param>
    public ShopRequest Apply(ShopRequest request, bool mayChangeProfile) =>
        request with { Webhooks = new WebhooksRequest(mayChangeProfile ? Profile : request.Webhooks?.Profile, SettingsForms.Blank(Secret) ?? request.Webhooks?.Secret, SettingsForms.Blank(OverlapHours) is null ? null : SettingsForms.Integer(OverlapHours)) };
}

/// <summary>The COD reputation card: the Utánvét Ellenőr account (public and private API key), the threshold and what falls below it.</summary>
internal sealed class ReputationForm
{
    public string? PublicKey { get; set; }

    public string? PrivateKey { get; set; }

    public string? ThresholdPercent { get; set; }

    public bool BlockCodBelowThreshold { get; set; }

    /// <summary>What a COD order below the threshold does: <c>flag</c>, <c>hold</c> or <c>cancel</c>.</summary>
    public string BelowThreshold { get; set; } = Grains.Reputation.CodActions.Flag;

    public static ReputationForm From(ShopSettings settings) => new()
    {
        ThresholdPercent = settings.Reputation.ThresholdPercent.ToString(CultureInfo.InvariantCulture),
        BlockCodBelowThreshold = settings.Reputation.BlockCodBelowThreshold,
        BelowThreshold = settings.Reputation.BelowThreshold,
    };

    public ShopRequest Apply(ShopRequest request, Dictionary<string, string[]> errors)
    {
        var provider = SettingsForms.Merge(request.ReputationProvider, ("publicKey", PublicKey), ("privateKey", PrivateKey));
        if (provider is { } keys && (ShopCredentials.Read(keys, "publicKey") is not { Length: > 0 } || ShopCredentials.Read(keys, "privateKey") is not { Length: > 0 }))
        {
            errors["reputationProvider"] = ["An Utánvét Ellenőr account needs both its public and its private API key."];
        }

        return request with
        {
            Reputation = new ReputationSettings(SettingsForms.Integer(ThresholdPercent), BlockCodBelowThreshold, BelowThreshold),
            ReputationProvider = provider,
        };
    }
}

internal sealed class SmsForm
{
    public bool Enabled { get; set; }

    public string? Keyword { get; set; }

    public string? ExpiresAfterMinutes { get; set; }

    public string? Template { get; set; }

    public string? ConfirmedText { get; set; }

    public string? UserCode { get; set; }

    public string? Password { get; set; }

    public string? MsgHeader { get; set; }

    public static SmsForm From(ShopSettings settings) => new()
    {
        Enabled = settings.Sms.Enabled,
        Keyword = settings.Sms.Keyword,
        ExpiresAfterMinutes = settings.Sms.ExpiresAfterMinutes.ToString(CultureInfo.InvariantCulture),
        Template = settings.Sms.Template,
        ConfirmedText = settings.Sms.ConfirmedText,
    };

    public ShopRequest Apply(ShopRequest request) => request with
    {
        Sms = new SmsSettings(Enabled, Keyword?.Trim() ?? string.Empty, SettingsForms.Integer(ExpiresAfterMinutes), Template ?? string.Empty, ConfirmedText ?? string.Empty),
        SmsGateway = SettingsForms.Merge(request.SmsGateway, ("userCode", UserCode), ("password", Password), ("msgHeader", MsgHeader)),
    };
}

internal sealed class InvoicingForm
{
    public bool Enabled { get; set; }

    public string? IssueOn { get; set; }

    public string? VatRate { get; set; }

    public string? CallbackUrl { get; set; }

    public string? CallbackSecret { get; set; }

    public string? ApiKey { get; set; }

    public bool Test { get; set; }

    public bool Signed { get; set; }

    public static InvoicingForm From(ShopSettings settings) => new()
    {
        Enabled = settings.Invoicing.Enabled,
        IssueOn = settings.Invoicing.IssueOn,
        VatRate = settings.Invoicing.VatRate,
        CallbackUrl = settings.Invoicing.CallbackUrl,
        Test = settings.Credentials.TryGetValue("invoicingProvider", out var provider) && ShopCredentials.Read(provider, "test") == "true",
        Signed = settings.Credentials.TryGetValue("invoicingProvider", out provider) && ShopCredentials.Read(provider, "signed") == "true",
    };

    public ShopRequest Apply(ShopRequest request)
    {
        var callbackUrl = SettingsForms.Blank(CallbackUrl);
        var provider = SettingsForms.Merge(request.InvoicingProvider, ("apiKey", ApiKey));
        if (provider is { } account)
        {
            var flags = JsonNode.Parse(account.GetRawText())!.AsObject();
            flags["test"] = Test;
            flags["signed"] = Signed;
            provider = JsonSerializer.SerializeToElement(flags);
        }

        return request with
        {
            Invoicing = new InvoicingRequest(
                Enabled, IssueOn ?? string.Empty, callbackUrl,
                callbackUrl is null ? null : SettingsForms.Blank(CallbackSecret) ?? request.Invoicing?.CallbackSecret,
                VatRate?.Trim() ?? string.Empty),
            InvoicingProvider = provider,
        };
    }
}

internal sealed class ReviewsForm
{
    public bool Enabled { get; set; }

    public string? Tsid { get; set; }

    public string? Model { get; set; }

    public string? EventType { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? ChannelId { get; set; }

    public string? ProtectionUser { get; set; }

    public string? ProtectionPassword { get; set; }

    /// <summary><c>platform</c> or <c>checkout</c>.</summary>
    public string? Consent { get; set; }

    public string? ConsentMetaKey { get; set; }

    public static ReviewsForm From(ShopSettings settings) => new()
    {
        Enabled = settings.Reviews.Enabled,
        Tsid = settings.Reviews.Tsid,
        Model = settings.Reviews.Model,
        EventType = settings.Reviews.EventType,
        Consent = settings.Reviews.Consent,
        ConsentMetaKey = settings.Reviews.ConsentMetaKey,
    };

    public ShopRequest Apply(ShopRequest request)
    {
        var kept = request.Reviews;
        return request with
        {
            Reviews = new ReviewsRequest(
                Enabled, SettingsForms.Blank(Tsid), Model ?? string.Empty, SettingsForms.Blank(EventType),
                SettingsForms.Blank(ClientId) ?? kept?.ClientId,
                SettingsForms.Blank(ClientSecret) ?? kept?.ClientSecret,
                SettingsForms.Blank(ChannelId) ?? kept?.ChannelId,
                SettingsForms.Blank(ProtectionUser) ?? kept?.ProtectionUser,
                SettingsForms.Blank(ProtectionPassword) ?? kept?.ProtectionPassword,
                Consent ?? kept?.Consent,
                SettingsForms.Blank(ConsentMetaKey)),
        };
    }
}

internal sealed class ShippingForm
{
    public bool Enabled { get; set; }

    public string? Carrier { get; set; }

    public string? CodCollectionType { get; set; }

    public string? HandedOverText { get; set; }

    public string? DeliveredText { get; set; }

    public string? WsUserName { get; set; }

    public string? WsPassword { get; set; }

    public string? Language { get; set; }

    /// <summary>The shipping label's sender (<see cref="ShippingSender"/>); every field empty prints the shop's name alone.</summary>
    public string? SenderName { get; set; }

    /// <summary>One or more lines.</summary>
    public string? SenderAddress { get; set; }

    public string? SenderPostalCode { get; set; }

    public string? SenderCity { get; set; }

    public string? SenderCountryCode { get; set; }

    public string? SenderPhone { get; set; }

    public static ShippingForm From(ShopSettings settings) => new()
    {
        Enabled = settings.Shipping.Enabled,
        Carrier = settings.Shipping.Carrier,
        CodCollectionType = settings.Shipping.CodCollectionType,
        HandedOverText = settings.Shipping.HandedOverText,
        DeliveredText = settings.Shipping.DeliveredText,
        SenderName = settings.Shipping.Sender?.Name,
        SenderAddress = settings.Shipping.Sender?.Address,
        SenderPostalCode = settings.Shipping.Sender?.PostalCode,
        SenderCity = settings.Shipping.Sender?.City,
        SenderCountryCode = settings.Shipping.Sender?.CountryCode,
        SenderPhone = settings.Shipping.Sender?.Phone,
    };

    public ShopRequest Apply(ShopRequest request) => request with
    {
        Shipping = new ShippingSettings(Enabled, Carrier ?? string.Empty, CodCollectionType ?? string.Empty, HandedOverText ?? string.Empty, DeliveredText ?? string.Empty, Sender()),
        Carrier = SettingsForms.Merge(request.Carrier, ("wsUserName", WsUserName), ("wsPassword", WsPassword), ("language", Language)),
    };

    private ShippingSender? Sender() =>
        new[] { SenderName, SenderAddress, SenderPostalCode, SenderCity, SenderCountryCode, SenderPhone }.All(string.IsNullOrWhiteSpace)
            ? null
            : new ShippingSender(
                SettingsForms.Blank(SenderName),
                SettingsForms.Blank(SenderAddress),
                SettingsForms.Blank(SenderCity),
                SettingsForms.Blank(SenderPostalCode),
                SettingsForms.Blank(SenderCountryCode)?.ToUpperInvariant(),
                SettingsForms.Blank(SenderPhone));
}

/// <summary>The buyer e-mail card: on or off, the sender and reply-to, and the shop's SMTP server (write-only, kept when left empty).</summary>
internal sealed class MailForm
{
    public bool Enabled { get; set; }

    public string? Sender { get; set; }

    public string? ReplyTo { get; set; }

    public string? Host { get; set; }

    public string? Port { get; set; }

    public string? Security { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public static MailForm From(ShopSettings settings) => new()
    {
        Enabled = settings.Mail.Enabled,
        Sender = settings.Mail.From,
        ReplyTo = settings.Mail.ReplyTo,
    };

    public ShopRequest Apply(ShopRequest request) => request with
    {
        Mail = new MailSettings(Enabled, SettingsForms.Blank(Sender), SettingsForms.Blank(ReplyTo)),
        MailServer = SettingsForms.Merge(request.MailServer, ("host", Host), ("port", Port), ("security", Security), ("username", Username), ("password", Password)),
    };
}

internal sealed class WriteBackForm
{
    public bool Enabled { get; set; }

    public string? Confirmed { get; set; }

    public string? Held { get; set; }

    public string? Cancelled { get; set; }

    public string? StoreUrl { get; set; }

    public string? AccessToken { get; set; }

    public string? ConsumerKey { get; set; }

    public string? ConsumerSecret { get; set; }

    public static WriteBackForm From(ShopSettings settings) => new()
    {
        Enabled = settings.WriteBack.Enabled,
        Confirmed = settings.WriteBack.StatusFor(settings.Webhooks.Profile, WriteBackDefaults.Confirmed),
        Held = settings.WriteBack.StatusFor(settings.Webhooks.Profile, WriteBackDefaults.Held),
        Cancelled = settings.WriteBack.StatusFor(settings.Webhooks.Profile, WriteBackDefaults.Cancelled),
    };

    /// <summary>An empty status leaves the platform's order status alone.</summary>
    public ShopRequest Apply(ShopRequest request) => request with
    {
        WriteBack = new WriteBackSettings(Enabled, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WriteBackDefaults.Confirmed] = Confirmed?.Trim() ?? string.Empty,
            [WriteBackDefaults.Held] = Held?.Trim() ?? string.Empty,
            [WriteBackDefaults.Cancelled] = Cancelled?.Trim() ?? string.Empty,
        }),
        PlatformApi = SettingsForms.Merge(request.PlatformApi, ("storeUrl", StoreUrl), ("accessToken", AccessToken), ("consumerKey", ConsumerKey), ("consumerSecret", ConsumerSecret)),
    };
}

internal sealed class PaymentsForm
{
    public string? IyzicoSecretKey { get; set; }

    public ShopRequest Apply(ShopRequest request)
    {
        if (SettingsForms.Blank(IyzicoSecretKey) is not { } key)
        {
            return request;
        }

        var payments = request.Payments is { ValueKind: JsonValueKind.Object } existing ? JsonNode.Parse(existing.GetRawText())!.AsObject() : [];
        payments["iyzico"] = new JsonObject { ["secretKey"] = key };
        return request with { Payments = JsonSerializer.SerializeToElement(payments) };
    }
}

/// <summary>The checkout snippet: the storefront origins allowed to ask from a browser, one per line.</summary>
internal sealed class CheckoutForm
{
    public string? AllowedOrigins { get; set; }

    public static CheckoutForm From(ShopSettings settings) => new() { AllowedOrigins = string.Join('\n', settings.Checkout.AllowedOrigins) };

    public ShopRequest Apply(ShopRequest request) => request with { Checkout = new CheckoutRequest([.. SettingsForms.Lines(AllowedOrigins)]) };
}
