using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using OrleansShop.Grains.Reviews;
using OrleansShop.Silo.Providers.Http;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// Trusted Shops' administration web service (SOAP <c>TsProtection</c>), which shop modules call
/// when a merchant saves a certificate: <c>checkCertificate</c> (its state, type and shop url),
/// <c>checkLogin</c> (an Excellence shop's protection user) and <c>getProtectionItems</c> (the
/// protection products the certificate may sell). Every call ends in its answer or in why there was
/// none; nothing here logs, and no failure carries the password.
/// </summary>
public sealed class ProtectionAdminClient(HttpClient http, IOptions<TrustedShopsOptions> options)
{
    private const string Provider = "Trusted Shops";

    private readonly TrustedShopsOptions _options = options.Value;

    public Task<AdminAnswer<TrustedShopsCertificate>> CheckCertificateAsync(string tsid, CancellationToken cancellationToken) =>
        CallAsync("checkCertificate", [("tsId", tsid)], answer =>
            TrustedShopsSoap.Child(answer, "stateEnum") is { } state
                ? new TrustedShopsCertificate(state, TrustedShopsSoap.Child(answer, "typeEnum") ?? "UNKNOWN", TrustedShopsSoap.Child(answer, "url"), TrustedShopsSoap.Child(answer, "certificationLanguage"))
                : null, cancellationToken);

    /// <summary>Trusted Shops' answer: positive when the user and password work, else an error code (<see cref="TrustedShopsLoginCodes"/>).</summary>
    public Task<AdminAnswer<LoginCode>> CheckLoginAsync(ProtectionCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return CallAsync("checkLogin", [("tsId", credentials.Tsid), ("wsUser", credentials.User), ("wsPassword", credentials.Password)],
            answer => ProtectionWire.Number(answer.Value) is { } code ? new LoginCode(code) : null, cancellationToken);
    }

    public Task<AdminAnswer<IReadOnlyList<ProtectionProduct>>> GetProtectionItemsAsync(string tsid, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<ProtectionProduct>>("getProtectionItems", [("tsId", tsid)], answer =>
        {
            var items = answer.Elements().Where(e => e.Name.LocalName == "item").Select(Product).ToList();
            return items.Any(p => p is null) ? null : [.. items.OfType<ProtectionProduct>()];
        }, cancellationToken);

    private static ProtectionProduct? Product(XElement item) =>
        TrustedShopsSoap.Child(item, "tsProductID") is { } id && ProtectionProduct.IsProtection(id)
        && Decimal(item, "protectedAmountDecimal") is { } protectedAmount && TrustedShopsSoap.Child(item, "currency") is { Length: 3 } currency
        && Decimal(item, "netFee") is { } net && Decimal(item, "grossFee") is { } gross
        && int.TryParse(TrustedShopsSoap.Child(item, "protectionDurationInt"), NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            ? new ProtectionProduct(id, protectedAmount, currency.ToUpperInvariant(), net, gross, days)
            : null;

    private static decimal? Decimal(XElement item, string name) =>
        decimal.TryParse(TrustedShopsSoap.Child(item, name), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    private async Task<AdminAnswer<T>> CallAsync<T>(string operation, (string Name, string Value)[] parameters, Func<XElement, T?> read, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.AdminAddress) { Content = TrustedShopsSoap.Request(operation, parameters) };
        var answer = await ProviderExchange.SendAsync(http, request, Provider, _options.Timeout, _options.MaxResponseBytes, cancellationToken);
        if (answer.Failure is { } unreachable)
        {
            return new AdminAnswer<T>(null, unreachable);
        }

        if (answer.Status != 200)
        {
            return new AdminAnswer<T>(null, $"{operation} answered {answer.Status}");
        }

        return TrustedShopsSoap.Return(answer.Body) is { } returned && read(returned) is { } value
            ? new AdminAnswer<T>(value, null)
            : new AdminAnswer<T>(null, $"{operation}'s answer held no readable return value");
    }
}

/// <summary>An administration call's answer, or <see cref="Failure"/>: why there was none to read.</summary>
public sealed record AdminAnswer<T>(T? Value, string? Failure)
    where T : class;

/// <summary>A certificate as <c>checkCertificate</c> describes it.</summary>
/// <param name="Url">The shop address it was issued for, as Trusted Shops writes it (often without a scheme).</param>
public sealed record TrustedShopsCertificate(string State, string Type, string? Url, string? Language);

/// <summary><c>checkLogin</c>'s number.</summary>
public sealed record LoginCode(long Value);
