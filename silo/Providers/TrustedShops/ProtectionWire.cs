using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// The SOAP 1.1 exchange of Trusted Shops' protection service: <c>requestForProtectionV2</c> with
/// its twelve parameters in their documented order, answered by a single <c>return</c> number —
/// positive, the protection's application number; negative, an error code.
/// </summary>
internal static class ProtectionWire
{
    /// <summary>The service's target namespace, as the published WSDL and shop modules name it.</summary>
    public const string Namespace = "http://www.trustedshops.de/";

    public const string ShopSystemVersion = "OrleansShop";

    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";

    public static StringContent RequestContent(ProtectionCredentials credentials, ProtectionApplication application)
    {
        XNamespace ts = Namespace;
        var envelope = new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Soap.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "ts", Namespace),
            new XElement(Soap + "Body",
                new XElement(ts + "requestForProtectionV2",
                    new XElement("tsId", credentials.Tsid),
                    new XElement("tsProductId", application.ProductId),
                    new XElement("amount", application.Amount.ToString("0.00", CultureInfo.InvariantCulture)),
                    new XElement("currency", application.Currency),
                    new XElement("paymentType", application.PaymentType),
                    new XElement("buyerEmail", application.Email),
                    new XElement("shopCustomerID", application.CustomerId),
                    new XElement("shopOrderID", application.OrderReference),
                    new XElement("orderDate", application.OrderDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
                    new XElement("shopSystemVersion", ShopSystemVersion),
                    new XElement("wsUser", credentials.User),
                    new XElement("wsPassword", credentials.Password))));
        var content = new StringContent(new XDocument(new XDeclaration("1.0", "utf-8", null), envelope).Declaration + envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", "\"\"");
        return content;
    }

    /// <summary>The <c>return</c> number of an answer, or null when the answer holds none (garbage, a fault).</summary>
    public static long? ReturnValue(byte[] body)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = body.Length * 4L };
            using var reader = XmlReader.Create(new MemoryStream(body), settings);
            var value = XDocument.Load(reader).Descendants().FirstOrDefault(e => e.Name.LocalName == "return")?.Value.Trim();
            return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
