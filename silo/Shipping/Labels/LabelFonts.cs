using PdfSharp.Fonts;

namespace OrleansShop.Silo.Shipping.Labels;

/// <summary>
/// PDFsharp's fonts for shipping labels: DejaVu Sans, regular and bold, embedded in this assembly
/// (<c>Shipping/Labels/Fonts</c>, with their licence), so a label prints Turkish, Hungarian and Polish
/// names (ş ğ ı İ ő ű ł ż …) on a machine with no fonts installed. Nothing reads system fonts.
/// </summary>
public sealed class LabelFonts : IFontResolver
{
    /// <summary>The family a label's <c>XFont</c>s name.</summary>
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly LabelFonts Instance = new();
    private static readonly Lock Gate = new();

    private readonly Lazy<byte[]> _regular = new(() => Load(Regular));
    private readonly Lazy<byte[]> _bold = new(() => Load(Bold));

    private LabelFonts()
    {
    }

    /// <summary>
    /// Makes these fonts PDFsharp's, once for the process: <see cref="GlobalFontSettings.FontResolver"/>
    /// is process-wide and may only ever be given one instance, and several silos (the tests') share a process.
    /// </summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    /// <summary>Every family resolves to DejaVu Sans: a label asks for no other, and a glyph is better than an exception.</summary>
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => faceName switch
    {
        Regular => _regular.Value,
        Bold => _bold.Value,
        _ => throw new ArgumentException($"No embedded label font '{faceName}'.", nameof(faceName)),
    };

    private static byte[] Load(string face)
    {
        var name = $"OrleansShop.Silo.Shipping.Labels.Fonts.{face}.ttf";
        using var stream = typeof(LabelFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The label font {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
