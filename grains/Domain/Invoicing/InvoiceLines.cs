using System.Globalization;
using OrleansShop.Grains.Orders;

namespace OrleansShop.Grains.Invoicing;

/// <summary>
/// An order's lines as invoice rows. The order's lines are what the buyer paid per unit, VAT
/// included; what the total holds beyond them is shipping (its own row), and what it lacks is a
/// discount. An order without lines is one row for the whole total.
/// </summary>
public static class InvoiceLines
{
    public static IReadOnlyList<InvoiceLine> From(InvoiceRequest request, string language)
    {
        ArgumentNullException.ThrowIfNull(request);
        var defaultRate = Parse(request.DefaultVatRate);
        var total = Parse(request.Total.Value);
        if (request.Lines.Count == 0)
        {
            return [new InvoiceLine(null, $"{Words(language).Order} {request.Reference}", 1, total, defaultRate)];
        }

        var lines = request.Lines.Select(l => new InvoiceLine(l.Sku, l.Name, l.Quantity, Parse(l.UnitPrice), l.VatRate is { } rate ? Parse(rate) : defaultRate)).ToList();
        var remainder = total - lines.Sum(l => l.Quantity * l.GrossUnitPrice);
        if (remainder != 0)
        {
            lines.Add(new InvoiceLine(null, remainder > 0 ? Words(language).Shipping : Words(language).Discount, 1, remainder, defaultRate));
        }

        return lines;
    }

    /// <summary>The invoice's language by the buyer's country: one of the four the invoicer prints.</summary>
    public static string Language(string? countryCode) => countryCode?.ToUpperInvariant() switch
    {
        "HU" => "hu",
        "DE" or "AT" => "de",
        "FR" => "fr",
        _ => "en",
    };

    public static decimal Parse(string value) => decimal.Parse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static (string Order, string Shipping, string Discount) Words(string language) => language switch
    {
        "hu" => ("Rendelés", "Szállítási díj", "Kedvezmény"),
        "de" => ("Bestellung", "Versandkosten", "Rabatt"),
        "fr" => ("Commande", "Frais de livraison", "Remise"),
        _ => ("Order", "Shipping", "Discount"),
    };
}
