using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.TrustedShops;

/// <summary>Trusted Shops' protection web service on loopback: SOAP answers with a return number, or whatever a test arranges.</summary>
public sealed class FakeProtectionService : FakeProviderServer
{
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
}
