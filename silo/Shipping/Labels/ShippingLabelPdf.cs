using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OrleansShop.Silo.Shipping.Labels;

/// <summary>
/// Prints a <see cref="ShippingLabel"/> as a one-page PDF of 100 × 150 mm, the 4 × 6 inch label of
/// couriers' thermal printers. From the top: the carrier
/// and the order's reference, the sender, the receiver, the amount to collect (white on black) or
/// "prepaid", and the cargo key as a Code 128 barcode with the key in text under it. Text is in the
/// embedded DejaVu Sans (<see cref="LabelFonts"/>), embedded in the PDF as a subset, Unicode-encoded.
/// </summary>
public static class ShippingLabelPdf
{
    public const double WidthMm = 100;
    public const double HeightMm = 150;

    private const double Margin = 4;
    private const double BarHeight = 22;

    /// <summary>The widest a barcode module is drawn: beyond it a short key would only get harder to scan at a distance.</summary>
    private const double MaxModuleMm = 0.5;

    public static byte[] Render(ShippingLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        LabelFonts.Install();

        using var document = new PdfDocument();
        document.Info.Title = $"Shipping label {label.Reference}";
        document.Info.Creator = "OrleansShop";
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(WidthMm);
        page.Height = XUnit.FromMillimeter(HeightMm);
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            Draw(graphics, label);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Draw(XGraphics g, ShippingLabel label)
    {
        var width = WidthMm - (2 * Margin);
        var pen = new XPen(XColors.Black, 0.4); // points

        // The carrier and the order.
        Text(g, label.Carrier, Font(15, bold: true), Margin, Margin, width);
        if (label.Sandbox)
        {
            Text(g, "SANDBOX", Font(9, bold: true), Margin, Margin + 1.5, width, XStringFormats.TopRight);
            Text(g, "not a real shipment", Font(6), Margin, Margin + 5.5, width, XStringFormats.TopRight);
        }

        Text(g, $"SİPARİŞ / ORDER  {label.Reference}", Font(9, bold: true), Margin, 12, width);
        g.DrawLine(pen, Mm(Margin), Mm(17), Mm(WidthMm - Margin), Mm(17));

        // Who sends it and who receives it.
        var y = Party(g, "GÖNDERİCİ / SENDER", label.Sender, 19, nameSize: 9, lineSize: 7.5, maxHeight: 26);
        g.DrawLine(pen, Mm(Margin), Mm(y + 1), Mm(WidthMm - Margin), Mm(y + 1));
        Party(g, "ALICI / RECEIVER", label.Receiver, y + 3, nameSize: 14, lineSize: 11, maxHeight: 92 - (y + 3));

        // What the courier collects: unmistakable either way.
        const double codTop = 94, codHeight = 15;
        var box = new XRect(Mm(Margin), Mm(codTop), Mm(width), Mm(codHeight));
        if (label.CashOnDelivery is { } amount)
        {
            g.DrawRectangle(XBrushes.Black, box);
            Text(g, "KAPIDA TAHSİLAT / COLLECT ON DELIVERY", Font(8, bold: true), Margin + 2, codTop + 1.5, width - 4, brush: XBrushes.White);
            Text(g, amount, Font(18, bold: true), Margin + 2, codTop + 6, width - 4, brush: XBrushes.White);
        }
        else
        {
            g.DrawRectangle(pen, box);
            Text(g, "ÖDENDİ – TAHSİLAT YOK", Font(11, bold: true), Margin + 2, codTop + 2.5, width - 4);
            Text(g, "PREPAID – NOTHING TO COLLECT", Font(8, bold: true), Margin + 2, codTop + 8.5, width - 4);
        }

        // The cargo key: bars, then the key in text for a person to type.
        Text(g, "KARGO ANAHTARI / CARGO KEY", Font(6.5), Margin, 112, width, XStringFormats.TopCenter);
        Barcode(g, label.CargoKey, 116);
        Text(g, label.CargoKey, Font(12, bold: true), Margin, 116 + BarHeight + 1.5, width, XStringFormats.TopCenter);
    }

    /// <summary>A party's block from <paramref name="top"/>; returns where it ends (mm).</summary>
    private static double Party(XGraphics g, string caption, LabelParty party, double top, double nameSize, double lineSize, double maxHeight)
    {
        var width = WidthMm - (2 * Margin);
        Text(g, caption, Font(6.5, bold: true), Margin, top, width);
        var y = top + 3.5;
        y = Wrapped(g, party.Name, Font(nameSize, bold: true), y, width, top + maxHeight);
        foreach (var line in party.Lines)
        {
            y = Wrapped(g, line, Font(lineSize), y, width, top + maxHeight);
        }

        if (party.Phone is { } phone)
        {
            y = Wrapped(g, $"Tel: {phone}", Font(lineSize), y, width, top + maxHeight);
        }

        return Math.Min(y, top + maxHeight);
    }

    /// <summary>Text wrapped at spaces within the label's width, lines past <paramref name="bottom"/> left out; returns the next line's top (mm).</summary>
    private static double Wrapped(XGraphics g, string text, XFont font, double top, double width, double bottom)
    {
        var lineHeight = font.GetHeight() * 1.1 / Mm(1);
        foreach (var line in Lines(g, text, font, Mm(width)))
        {
            if (top + lineHeight > bottom)
            {
                break;
            }

            Text(g, line, font, Margin, top, width);
            top += lineHeight;
        }

        return top;
    }

    /// <summary>Greedy word wrap: as many words on a line as fit in <paramref name="width"/> points.</summary>
    private static IEnumerable<string> Lines(XGraphics g, string text, XFont font, double width)
    {
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var longer = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && g.MeasureString(longer, font).Width > width)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = longer;
            }
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }

    /// <summary>The Code 128 symbol of <paramref name="text"/>, centred, each bar a filled rectangle, with its quiet zones clear.</summary>
    private static void Barcode(XGraphics g, string text, double top)
    {
        var widths = Code128.Widths(text);
        var modules = widths.Sum();
        var module = Math.Min(MaxModuleMm, (WidthMm - (2 * Margin)) / (modules + (2 * Code128.QuietZoneModules)));
        var x = (WidthMm - (modules * module)) / 2;
        for (var i = 0; i < widths.Count; i++)
        {
            if (i % 2 == 0)
            {
                g.DrawRectangle(XBrushes.Black, Mm(x), Mm(top), Mm(widths[i] * module), Mm(BarHeight));
            }

            x += widths[i] * module;
        }
    }

    private static void Text(XGraphics g, string text, XFont font, double left, double top, double width, XStringFormat? format = null, XBrush? brush = null) =>
        g.DrawString(text, font, brush ?? XBrushes.Black, new XRect(Mm(left), Mm(top), Mm(width), font.GetHeight()), format ?? XStringFormats.TopLeft);

    private static XFont Font(double points, bool bold = false) =>
        new(LabelFonts.Family, points, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, XPdfFontOptions.UnicodeDefault);

    private static double Mm(double millimetres) => millimetres * 72 / 25.4;
}
