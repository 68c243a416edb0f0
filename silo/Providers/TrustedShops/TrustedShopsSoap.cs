using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// The SOAP 1.1 exchange both Trusted Shops web services speak: an operation element in the
/// services' namespace holding its parameters, unqualified, in their documented order; the answer's
/// <c>return</c> element holds the result.
/// </summary>
internal static class TrustedShopsSoap
{
    /// <summary>The services' target namespace, as the published WSDLs and shop modules name it.</summary>
    public const string Namespace = "http://www.trustedshops.de/";

    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";

    public static StringContent Request(string operation, params (string Name, string Value)[] parameters)
    {
        XNamespace ts = Namespace;
        var envelope = new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Soap.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "ts", Namespace),
            new XElement(Soap + "Body", new XElement(ts + operation, parameters.Select(p => new XElement(p.Name, p.Value)))));
        var content = new StringContent(new XDocument(new XDeclaration("1.0", "utf-8", null), envelope).Declaration + envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", "\"\"");
        return content;
    }

    /// <summary>The answer's <c>return</c> element, or null when it holds none (garbage, a fault).</summary>
    public static XElement? Return(byte[] body)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = body.Length * 4L };
            using var reader = XmlReader.Create(new MemoryStream(body), settings);
            return XDocument.Load(reader).Descendants().FirstOrDefault(e => e.Name.LocalName == "return");
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>The text of <paramref name="element"/>'s child called <paramref name="name"/>, trimmed; null when absent or empty.</summary>
    public static string? Child(XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() is { Length: > 0 } value ? value : null;
}
