using System.Globalization;
using System.Text;
using System.Xml;

namespace OrleansShop.Silo.Providers.Yurtici;

/// <summary>
/// The SOAP 1.1 envelopes of ShippingOrderDispatcherServices, written with an <see cref="XmlWriter"/>
/// so every value is escaped. Yurtiçi takes the credentials inside the operation's element.
/// </summary>
internal static class YurticiEnvelope
{
    public const string SoapNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string ServiceNamespace = "http://yurticikargo.com.tr/ShippingOrderDispatcherServices";

    public static string CreateShipment(YurticiCredentials credentials, YurticiShipment shipment) => Write("createShipment", writer =>
    {
        Credentials(writer, credentials, "userLanguage");
        writer.WriteStartElement("ShippingOrderVO");
        Element(writer, "cargoKey", shipment.CargoKey);
        Element(writer, "invoiceKey", shipment.InvoiceKey);
        Element(writer, "receiverCustName", shipment.ReceiverName);
        Element(writer, "receiverAddress", shipment.ReceiverAddress);
        Element(writer, "cityName", shipment.CityName);
        Element(writer, "townName", shipment.TownName);
        Element(writer, "receiverPhone1", shipment.ReceiverPhone);
        Element(writer, "cargoCount", "1"); // one parcel per shipment
        if (shipment.Cod is { } cod)
        {
            Element(writer, "ttInvoiceAmount", cod.Amount.ToString("0.00", CultureInfo.InvariantCulture));
            Element(writer, "ttDocumentId", cod.DocumentId);
            Element(writer, "ttCollectionType", cod.Card ? "1" : "0");
            Element(writer, "ttDocumentSaveType", "0");
            if (cod.Card)
            {
                Element(writer, "dcSelectedCredit", "1");
                Element(writer, "dcCreditRule", "1");
            }
        }

        writer.WriteEndElement();
    });

    /// <summary>By cargo key (<c>keyType</c> 0), without the movement history (Yurtiçi asks clients to spare it).</summary>
    public static string QueryShipment(YurticiCredentials credentials, string cargoKey) => Write("queryShipment", writer =>
    {
        Credentials(writer, credentials, "wsLanguage");
        Element(writer, "keys", cargoKey);
        Element(writer, "keyType", "0");
        Element(writer, "addHistoricalData", "false");
        Element(writer, "onlyTracking", "false");
    });

    private static void Credentials(XmlWriter writer, YurticiCredentials credentials, string languageElement)
    {
        Element(writer, "wsUserName", credentials.UserName);
        Element(writer, "wsPassword", credentials.Password);
        Element(writer, languageElement, credentials.Language);
    }

    private static void Element(XmlWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteElementString(name, value);
        }
    }

    private static string Write(string operation, Action<XmlWriter> body)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartElement("soapenv", "Envelope", SoapNamespace);
            writer.WriteAttributeString("xmlns", "ship", null, ServiceNamespace);
            writer.WriteElementString("soapenv", "Header", SoapNamespace, string.Empty);
            writer.WriteStartElement("soapenv", "Body", SoapNamespace);
            writer.WriteStartElement("ship", operation, ServiceNamespace);
            body(writer);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return text.ToString();
    }
}
