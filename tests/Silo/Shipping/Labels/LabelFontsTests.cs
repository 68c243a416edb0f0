using OrleansShop.Silo.Shipping.Labels;
using PdfSharp.Fonts;

namespace OrleansShop.Tests.Silo.Shipping.Labels;

/// <summary>PDFsharp's fonts come from the silo's own assembly, whatever a label asks for: nothing reads the machine's fonts.</summary>
public sealed class LabelFontsTests
{
    [Theory]
    [InlineData("DejaVu Sans", false, "DejaVuSans")]
    [InlineData("DejaVu Sans", true, "DejaVuSans-Bold")]
    [InlineData("Arial", false, "DejaVuSans")] // a family the machine may or may not have: still ours
    public void Every_family_resolves_to_the_embedded_dejavu_sans(string family, bool bold, string face)
    {
        LabelFonts.Install();
        var resolver = Assert.IsType<LabelFonts>(GlobalFontSettings.FontResolver);

        var resolved = resolver.ResolveTypeface(family, bold, italic: false);
        var font = resolver.GetFont(resolved.FaceName);

        Assert.Equal(face, resolved.FaceName);
        Assert.True(font.Length > 500_000, $"{face} is the whole font ({font.Length} bytes)");
        Assert.Equal(new byte[] { 0x00, 0x01, 0x00, 0x00 }, font[..4]); // a TrueType font file
        Assert.Throws<ArgumentException>(() => resolver.GetFont("Arial"));
    }

    [Fact]
    public void Installing_again_keeps_the_one_resolver_of_the_process()
    {
        LabelFonts.Install();
        var first = GlobalFontSettings.FontResolver;

        LabelFonts.Install();

        Assert.Same(first, GlobalFontSettings.FontResolver);
    }
}
