using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansShop.Silo.Providers.Szamlahegy;

/// <summary>The body of <c>POST {base}/api/v1/invoices</c>: <c>{"api_key": …, "invoice": {…}}</c>, field names as Számlahegy's published clients write them.</summary>
internal static class SzamlahegyWire
{
    // Hungarian letters go out as written, not as \u escapes; the body is never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ByteArrayContent Content(string apiKey, SzamlahegyInvoice invoice)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("api_key", apiKey);
            json.WriteStartObject("invoice");
            WriteInvoice(json, invoice);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        return content;
    }

    private static void WriteInvoice(Utf8JsonWriter json, SzamlahegyInvoice invoice)
    {
        json.WriteString("customer_name", invoice.CustomerName);
        WriteIfPresent(json, "customer_contact_name", invoice.CustomerContactName);
        WriteIfPresent(json, "customer_zip", invoice.CustomerZip);
        WriteIfPresent(json, "customer_city", invoice.CustomerCity);
        WriteIfPresent(json, "customer_address", invoice.CustomerAddress);
        WriteIfPresent(json, "customer_country", invoice.CustomerCountry?.ToUpperInvariant());
        WriteIfPresent(json, "customer_vatnr", invoice.CustomerVatNumber);
        WriteIfPresent(json, "customer_email", invoice.CustomerEmail);
        json.WriteString("payment_method", invoice.PaymentMethod == SzamlahegyPaymentMethod.Cash ? "C" : "B");
        json.WriteString("payment_date", Date(invoice.PaymentDate));
        json.WriteString("perform_date", Date(invoice.PerformDate));
        if (invoice.PaidAt is { } paidAt)
        {
            json.WriteString("paid_at", Date(paidAt));
        }

        json.WriteString("kind", invoice.Kind switch { SzamlahegyKind.Storno => "S", SzamlahegyKind.Test => "T", _ => "N" });
        json.WriteBoolean("signed", invoice.ElectronicallySigned);
        json.WriteString("currency", invoice.Currency.ToUpperInvariant());
        json.WriteString("language", invoice.Language.ToUpperInvariant());
        WriteIfPresent(json, "footer", invoice.Footer);
        json.WriteString("foreign_id", invoice.ForeignId);
        json.WriteStartArray("invoice_rows_attributes");
        foreach (var row in invoice.Rows)
        {
            json.WriteStartObject();
            WriteIfPresent(json, "productnr", row.ProductNr);
            json.WriteString("name", row.Name);
            json.WriteNumber("quantity", row.Quantity);
            json.WriteString("quantity_type", row.QuantityType);
            json.WriteNumber("price_slab", row.NetUnitPrice);
            json.WriteNumber("tax", row.TaxPercent);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            json.WriteString(name, value);
        }
    }
}
