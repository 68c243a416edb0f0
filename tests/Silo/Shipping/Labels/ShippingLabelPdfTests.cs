using OrleansShop.Silo.Shipping.Labels;

namespace OrleansShop.Tests.Silo.Shipping.Labels;

/// <summary>
/// The label's PDF as another reader sees it: one page of 100 × 150 mm, Turkish, Hungarian and
/// Polish names in the embedded DejaVu Sans, the amount to collect or none, and bars ZXing reads as
/// the cargo key, with their quiet zones clear.
/// </summary>
public sealed class ShippingLabelPdfTests
{
    private const string CargoKey = "OS3K7ZQ2MXW9P4D8RT6A";

    internal static ShippingLabel Label(string? cod = "349.90 TRY") => new(
        CargoKey,
        "Yurtiçi Kargo",
        "#10023",
        new LabelParty("Kertész Webáruház Kft.", ["Moda Cad. No:12", "34710 Kadıköy / İstanbul", "TR"], "+90 216 555 01 23"),
        new LabelParty("Łucja Żółć-Őrsűlő Işıkğün", ["Bağdat Cad. No:5 D:3", "34710 İstanbul", "TR"], "0532 123 45 67"),
        cod,
        Sandbox: false);

    [Fact]
    public void A_cod_label_is_one_page_with_every_name_in_the_embedded_font_the_amount_and_the_cargo_key_as_bars()
    {
        var pdf = LabelPdf.Read(ShippingLabelPdf.Render(Label()));

        Assert.Equal(1, pdf.PageCount);
        Assert.Equal((100.0, 150.0), (Math.Round(pdf.WidthMm, 1), Math.Round(pdf.HeightMm, 1)));
        Assert.NotEmpty(pdf.Fonts);
        Assert.All(pdf.Fonts, font =>
        {
            // Unicode through an embedded subset of our font, not a standard font the viewer substitutes.
            Assert.Equal("/Type0", font.Subtype);
            Assert.Equal("/Identity-H", font.Encoding);
            Assert.Matches(@"^/[A-Z]{6}\+DejaVu Sans", font.BaseFont);
            Assert.True(font.FontFile2, $"{font.BaseFont} is embedded");
            Assert.True(font.ToUnicode, $"{font.BaseFont} maps its glyphs back to text");
        });
        Assert.True(pdf.Shows("Łucja Żółć-Őrsűlő Işıkğün"), pdf.Text);
        Assert.True(pdf.Shows("Bağdat Cad. No:5 D:3"), pdf.Text);
        Assert.True(pdf.Shows("Kertész Webáruház Kft."), pdf.Text);
        Assert.True(pdf.Shows("34710 Kadıköy / İstanbul"), pdf.Text);
        Assert.True(pdf.Shows("Tel: +90 216 555 01 23"), pdf.Text);
        Assert.True(pdf.Shows("KAPIDA TAHSİLAT / COLLECT ON DELIVERY 349.90 TRY"), pdf.Text);
        Assert.True(pdf.Shows("Yurtiçi Kargo"), pdf.Text);
        Assert.True(pdf.Shows("#10023"), pdf.Text);
        Assert.True(pdf.Shows(CargoKey), pdf.Text); // in text under the bars
        Assert.DoesNotContain("SANDBOX", pdf.Text, StringComparison.Ordinal);

        Assert.Equal(CargoKey, pdf.DecodeBarcode(out var module, out var left, out var right));
        Assert.InRange(module, 0.25 * 72 / 25.4, 0.5 * 72 / 25.4); // 0.25–0.5 mm: a thermal printer's dots resolve it
        Assert.True(left >= Code128.QuietZoneModules && right >= Code128.QuietZoneModules, $"quiet zones {left:0.0} and {right:0.0} modules");
    }

    [Fact]
    public void A_prepaid_label_says_there_is_nothing_to_collect()
    {
        var pdf = LabelPdf.Read(ShippingLabelPdf.Render(Label(cod: null)));

        Assert.True(pdf.Shows("ÖDENDİ – TAHSİLAT YOK PREPAID – NOTHING TO COLLECT"), pdf.Text);
        Assert.DoesNotContain("COLLECT ON DELIVERY", pdf.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("TRY", pdf.Text, StringComparison.Ordinal);
        Assert.Equal(CargoKey, pdf.DecodeBarcode(out _, out _, out _));
    }

    [Fact]
    public void A_sandbox_label_says_it_is_not_a_real_shipment()
    {
        var pdf = LabelPdf.Read(ShippingLabelPdf.Render(Label() with { Sandbox = true }));

        Assert.True(pdf.Shows("SANDBOX not a real shipment"), pdf.Text);
    }

    [Fact]
    public void A_long_address_wraps_within_the_label_and_never_reaches_the_amount()
    {
        var street = string.Join(' ', Enumerable.Repeat("Uzun Sokak Adı", 12));
        var label = Label() with { Receiver = new LabelParty("Łucja Żółć", [street, "34710 İstanbul"], null) };

        var pdf = LabelPdf.Read(ShippingLabelPdf.Render(label));

        Assert.Equal(1, pdf.PageCount);
        Assert.True(pdf.Shows("Uzun Sokak Adı Uzun Sokak Adı"), pdf.Text);
        Assert.Equal(CargoKey, pdf.DecodeBarcode(out _, out _, out _));
    }

    [Fact]
    public async Task Labels_render_at_once_on_many_threads_with_the_one_font_resolver_of_the_process()
    {
        // GlobalFontSettings.FontResolver is process-wide and may be set once: every render installs it
        // under a lock, so silos of one process (the tests') render side by side.
        var labels = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => ShippingLabelPdf.Render(Label() with { Reference = $"#{i}" }))));

        Assert.All(labels, (bytes, i) =>
        {
            var pdf = LabelPdf.Read(bytes);
            Assert.True(pdf.Shows($"#{i}"), pdf.Text);
            Assert.Equal(CargoKey, pdf.DecodeBarcode(out _, out _, out _));
        });
        Assert.Same(PdfSharp.Fonts.GlobalFontSettings.FontResolver, PdfSharp.Fonts.GlobalFontSettings.FontResolver);
        Assert.IsType<LabelFonts>(PdfSharp.Fonts.GlobalFontSettings.FontResolver);
    }
}
