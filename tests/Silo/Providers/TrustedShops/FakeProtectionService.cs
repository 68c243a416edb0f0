using Microsoft.AspNetCore.Http;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Providers.TrustedShops;

/// <summary>
/// Trusted Shops' protection web service on loopback: SOAP answers with a return number, or whatever a
/// test arranges, on the service's one path. Any other path is a 404, as on the real host, so a client
/// that posts elsewhere fails.
/// </summary>
public sealed class FakeProtectionService : FakeProviderServer
{
    /// <summary>Where <c>ApplicationRequestService</c> answers on protection.trustedshops.com (and protection-qa).</summary>
    public const string ServicePath = "/ts/protectionservices/ApplicationRequestService";

    private FakeProtectionService()
        : base(200, Return(4711001), "text/xml; charset=utf-8")
    {
    }

    public static async Task<FakeProtectionService> StartAsync()
    {
        var fake = new FakeProtectionService();
        await fake.StartServerAsync();
        return fake;
    }

    /// <summary>The service's answer: the application number, or a negative error code.</summary>
    public static string Return(long value) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
        <ns2:requestForProtectionV2Response xmlns:ns2="http://www.trustedshops.de/"><return>{value}</return></ns2:requestForProtectionV2Response>
        </soap:Body></soap:Envelope>
        """;

    public const string Fault = """
        <?xml version="1.0" encoding="UTF-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
        <soap:Fault><faultcode>soap:Server</faultcode><faultstring>Internal error</faultstring></soap:Fault>
        </soap:Body></soap:Envelope>
        """;

    protected override Func<HttpContext, Task>? AnswerFor(HttpContext context) =>
        context.Request.Path.Value == ServicePath ? null : Respond(404, "<html><body>Not Found</body></html>", "text/html");
}
