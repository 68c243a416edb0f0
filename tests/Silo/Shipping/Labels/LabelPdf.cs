using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;
using ZXing.OneD;

namespace OrleansShop.Tests.Silo.Shipping.Labels;

/// <summary>A font of the label's page as its PDF dictionary has it.</summary>
/// <param name="FontFile2">Whether the font's TrueType program is embedded (<c>/FontFile2</c> in its descriptor).</param>
internal sealed record LabelPdfFont(string Subtype, string BaseFont, string? Encoding, bool FontFile2, bool ToUnicode);

/// <summary>A filled rectangle of the page, in points from the bottom left, as the content stream draws it.</summary>
internal sealed record FilledRectangle(double X, double Y, double Width, double Height);

/// <summary>
/// A label PDF as a reader other than the one that wrote it sees it: opened with PDFsharp's
/// <see cref="PdfReader"/>, its text read through each font's <c>/ToUnicode</c> map (the glyph ids a
/// Unicode-encoded font writes mean nothing without it), its filled rectangles from the content stream,
/// and the barcode among them decoded by ZXing.
/// </summary>
internal sealed partial record LabelPdf(int PageCount, double WidthMm, double HeightMm, IReadOnlyList<LabelPdfFont> Fonts, string Text, IReadOnlyList<FilledRectangle> Rectangles)
{
    public static LabelPdf Read(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var page = document.Pages[0];
        var fonts = new List<LabelPdfFont>();
        var maps = new Dictionary<string, IReadOnlyDictionary<int, string>>(StringComparer.Ordinal);
        var fontResources = page.Resources.Elements.GetDictionary("/Font") ?? new PdfDictionary();
        foreach (var key in fontResources.Elements.Keys)
        {
            var font = Resolve(fontResources.Elements[key]);
            var descendant = font.Elements.GetArray("/DescendantFonts") is { } descendants ? Resolve(descendants.Elements[0]) : font;
            var descriptor = descendant.Elements["/FontDescriptor"] is { } d ? Resolve(d) : null;
            var toUnicode = font.Elements["/ToUnicode"] is { } t ? Resolve(t) : null;
            fonts.Add(new LabelPdfFont(
                font.Elements.GetName("/Subtype"),
                font.Elements.GetName("/BaseFont"),
                font.Elements["/Encoding"] is PdfName encoding ? encoding.Value : null,
                descriptor?.Elements["/FontFile2"] is not null,
                toUnicode is not null));
            if (toUnicode is not null)
            {
                toUnicode.Stream.TryUncompress();
                maps[key] = CMap(Encoding.ASCII.GetString(toUnicode.Stream.Value));
            }
        }

        var text = new List<string>();
        var rectangles = new List<FilledRectangle>();
        string? currentFont = null;
        double[]? pending = null;
        foreach (var op in Operators(ContentReader.ReadContent(page)))
        {
            switch (op.OpCode.Name)
            {
                case "Tf":
                    currentFont = ((CName)op.Operands[0]).Name;
                    break;
                case "Tj" when op.Operands[0] is CString shown:
                    text.Add(Decode(shown.Value, currentFont is not null && maps.TryGetValue(currentFont, out var map) ? map : null));
                    break;
                case "re":
                    pending = [.. op.Operands.Select(Number)];
                    break;
                case "f" or "f*" when pending is not null:
                    rectangles.Add(new FilledRectangle(pending[0], pending[1], pending[2], pending[3]));
                    pending = null;
                    break;
                default:
                    pending = null;
                    break;
            }
        }

        return new LabelPdf(
            document.PageCount,
            page.Width.Millimeter,
            page.Height.Millimeter,
            fonts,
            string.Join(' ', text.Select(t => t.Trim()).Where(t => t.Length > 0)),
            rectangles);
    }

    /// <summary>Whether the page's text holds <paramref name="expected"/>, comparing runs of white space as one space.</summary>
    public bool Shows(string expected) => Spaces().Replace(Text, " ").Contains(Spaces().Replace(expected, " "), StringComparison.Ordinal);

    /// <summary>
    /// The barcode read back from the page: the filled rectangles of one height at one level are its
    /// bars; their positions in units of the narrowest bar make a scan line for ZXing's Code 128 reader,
    /// which knows nothing of our encoder. Null when ZXing finds no Code 128 there.
    /// </summary>
    public string? DecodeBarcode(out double moduleWidth, out double leftQuietZone, out double rightQuietZone)
    {
        var bars = Rectangles.GroupBy(r => (Math.Round(r.Y, 2), Math.Round(r.Height, 2))).MaxBy(g => g.Count())!.OrderBy(r => r.X).ToList();
        moduleWidth = bars.Min(b => b.Width);
        var module = moduleWidth;
        var start = bars[0].X;
        var end = bars[^1].X + bars[^1].Width;
        leftQuietZone = start / module;
        rightQuietZone = ((WidthMm * 72 / 25.4) - end) / module;
        const int quiet = 10;
        var modules = (int)Math.Round((end - start) / module);
        var row = new ZXing.Common.BitArray(modules + (2 * quiet));
        foreach (var bar in bars)
        {
            var from = (int)Math.Round((bar.X - start) / module);
            var width = (int)Math.Round(bar.Width / module);
            for (var m = from; m < from + width; m++)
            {
                row[quiet + m] = true;
            }
        }

        try
        {
            return new Code128Reader().decodeRow(0, row, null)?.Text;
        }
        catch (ZXing.ReaderException)
        {
            return null;
        }
    }

    private static PdfDictionary Resolve(PdfItem? item) => item switch
    {
        PdfReference reference => (PdfDictionary)reference.Value,
        PdfDictionary dictionary => dictionary,
        _ => throw new InvalidOperationException($"Not a dictionary: {item}"),
    };

    private static IEnumerable<COperator> Operators(CObject content)
    {
        switch (content)
        {
            case COperator op:
                yield return op;
                break;
            case CSequence sequence:
                foreach (var op in sequence.SelectMany(Operators))
                {
                    yield return op;
                }

                break;
        }
    }

    private static double Number(CObject operand) => operand switch
    {
        CInteger integer => integer.Value,
        CReal real => real.Value,
        _ => throw new InvalidOperationException($"Not a number: {operand}"),
    };

    /// <summary>A <c>/ToUnicode</c> CMap's <c>bfrange</c> and <c>bfchar</c> entries: code → text.</summary>
    private static Dictionary<int, string> CMap(string cmap)
    {
        var map = new Dictionary<int, string>();
        foreach (Match range in BfRange().Matches(cmap))
        {
            var (from, to, first) = (Hex(range.Groups[1].Value), Hex(range.Groups[2].Value), Hex(range.Groups[3].Value));
            for (var code = from; code <= to; code++)
            {
                map[code] = char.ConvertFromUtf32(first + (code - from));
            }
        }

        foreach (Match single in BfChar().Matches(cmap))
        {
            map.TryAdd(Hex(single.Groups[1].Value), char.ConvertFromUtf32(Hex(single.Groups[2].Value)));
        }

        return map;
    }

    /// <summary>A shown string: two-byte codes through the font's map when it has one, else the bytes as Latin-1.</summary>
    private static string Decode(string bytes, IReadOnlyDictionary<int, string>? map)
    {
        if (map is null)
        {
            return bytes;
        }

        var text = new StringBuilder();
        for (var i = 0; i + 1 < bytes.Length; i += 2)
        {
            text.Append(map.TryGetValue((bytes[i] << 8) | bytes[i + 1], out var unicode) ? unicode : "\uFFFD");
        }

        return text.ToString();
    }

    private static int Hex(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex BfRange();

    [GeneratedRegex(@"^\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]{1,6})>\s*$", RegexOptions.Multiline)]
    private static partial Regex BfChar();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
