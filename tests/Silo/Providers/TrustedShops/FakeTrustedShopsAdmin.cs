using System.Collections.Concurrent;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using OrleansShop.Grains.Reviews;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Providers.TrustedShops;

/// <summary>
/// Trusted Shops' administration web service (<c>TsProtection</c>) on loopback, on its one path:
/// <c>checkCertificate</c> describes the certificates a test registers (an unknown id is
/// <c>INVALID_TS_ID</c>), <c>checkLogin</c> answers 1 for the registered user and password and
/// -10001 otherwise, <c>getProtectionItems</c> lists the certificate's products. Requests are read
/// as SOAP: an operation or parameter the service does not have is a SOAP fault, as on the real host.
/// </summary>
public sealed class FakeTrustedShopsAdmin : FakeProviderServer
{
    public const string ServicePath = "/ts/services/TsProtection";

    private readonly ConcurrentDictionary<string, Certificate> _certificates = new(StringComparer.Ordinal);

    private FakeTrustedShopsAdmin()
        : base(200, string.Empty, "text/xml; charset=utf-8")
    {
        AnswerWith(AnswerAsync);
    }

    public Uri ServiceAddress => new(BaseAddress, ServicePath.TrimStart('/'));

    /// <summary>The operation of each request received, in order.</summary>
    public IReadOnlyList<string> Operations => [.. Received.Where(r => r.Path == ServicePath).Select(r => Operation(XDocument.Parse(r.BodyText))?.Name.LocalName ?? "?")];

    public static async Task<FakeTrustedShopsAdmin> StartAsync()
    {
        var fake = new FakeTrustedShopsAdmin();
        await fake.StartServerAsync();
        return fake;
    }

    /// <summary>A certificate Trusted Shops knows, with the protection login it accepts and the products it sells.</summary>
    public void Register(string tsid, string state = "PRODUCTION", string type = "EXCELLENCE", string url = "www.bolt.example", string user = TrustedShopsTesting.ProtectionUser,
        string password = TrustedShopsTesting.ProtectionPassword, IReadOnlyList<ProtectionProduct>? products = null) =>
        _certificates[tsid] = new Certificate(state, type, url, user, password, products ?? StandardProducts);

    /// <summary>Three products in euros and one in Swiss francs.</summary>
    public static IReadOnlyList<ProtectionProduct> StandardProducts { get; } =
    [
        new("TS080501_500_30_EUR", 500m, "EUR", 0.82m, 0.98m, 30),
        new("TS080501_2500_30_EUR", 2500m, "EUR", 4.12m, 4.90m, 30),
        new("TS080501_20000_30_EUR", 20000m, "EUR", 32.94m, 39.20m, 30),
        new("TS100629_1500_30_CHF", 1500m, "CHF", 3.05m, 3.28m, 30),
    ];

    protected override Func<HttpContext, Task>? AnswerFor(HttpContext context) =>
        context.Request.Path.Value == ServicePath ? null : Respond(404, "<html><body>Not Found</body></html>", "text/html");

    private async Task AnswerAsync(HttpContext context)
    {
        XElement? operation;
        try
        {
            operation = Operation(await XDocument.LoadAsync(context.Request.Body, LoadOptions.None, context.RequestAborted));
        }
        catch (System.Xml.XmlException)
        {
            operation = null;
        }

        var (status, body) = operation is null ? (500, Fault("not a SOAP request")) : Answer(operation);
        await Respond(status, body, "text/xml; charset=utf-8")(context);
    }

    private (int Status, string Body) Answer(XElement operation)
    {
        string? Parameter(string name) => operation.Elements().FirstOrDefault(e => e.Name == name)?.Value;
        var known = Parameter("tsId") is { } tsid && _certificates.TryGetValue(tsid, out var found) ? found : null;
        return operation.Name.LocalName switch
        {
            _ when Parameter("tsId") is null => (500, Fault("tsId is missing")),
            "checkCertificate" => (200, Response("checkCertificate", known is null
                ? "<return><stateEnum>INVALID_TS_ID</stateEnum><typeEnum>UNKNOWN</typeEnum></return>"
                : $"<return><certificationLanguage>DE</certificationLanguage><stateEnum>{known.State}</stateEnum><tsID>{Parameter("tsId")}</tsID><typeEnum>{known.Type}</typeEnum><url>{known.Url}</url></return>")),
            "checkLogin" when Parameter("wsUser") is null || Parameter("wsPassword") is null => (500, Fault("wsUser and wsPassword are required")),
            "checkLogin" => (200, Response("checkLogin", $"<return>{(known is not null && Parameter("wsUser") == known.User && Parameter("wsPassword") == known.Password ? 1 : -10001)}</return>")),
            "getProtectionItems" => (200, Response("getProtectionItems", $"<return>{string.Concat((known?.Products ?? []).Select(Item))}</return>")),
            var other => (500, Fault($"no operation {other}")),
        };
    }

    private static string Item(ProtectionProduct p) => FormattableString.Invariant(
        $"<item><creationDate>2026-01-05T10:00:00+01:00</creationDate><currency>{p.Currency}</currency><grossFee>{p.GrossFee}</grossFee><id>{p.ProductId.GetHashCode(StringComparison.Ordinal) & 0xFFFF}</id><netFee>{p.NetFee}</netFee><protectedAmountDecimal>{p.ProtectedAmount}</protectedAmountDecimal><protectionDurationInt>{p.ProtectionDays}</protectionDurationInt><tsProductID>{p.ProductId}</tsProductID></item>");

    private static XElement? Operation(XDocument document) =>
        document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "Body")?.Elements().FirstOrDefault(e => e.Name.NamespaceName == "http://www.trustedshops.de/");

    private static string Response(string operation, string returned) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
        <ns2:{operation}Response xmlns:ns2="http://www.trustedshops.de/">{returned}</ns2:{operation}Response>
        </soap:Body></soap:Envelope>
        """;

    private static string Fault(string message) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
        <soap:Fault><faultcode>soap:Client</faultcode><faultstring>{message}</faultstring></soap:Fault>
        </soap:Body></soap:Envelope>
        """;

    private sealed record Certificate(string State, string Type, string Url, string User, string Password, IReadOnlyList<ProtectionProduct> Products);
}
