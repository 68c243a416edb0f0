using System.Text;

namespace OrleansShop.Grains.Sms;

/// <summary>A shop's SMS template filled for one order, and measured the way operators bill it.</summary>
public static class SmsText
{
    /// <summary>The seed's placeholders (Netgsm + Ideasoft): the buyer's name and the order reference.</summary>
    public const string BuyerNamePlaceholder = "(arg0)";
    public const string ReferencePlaceholder = "(arg1)";

    // 3GPP TS 23.038 / 23.040: one SMS carries 140 octets, 160 septets or 70 UCS-2 units; a part of a
    // concatenated message loses 6 octets to its user data header, leaving 153 septets or 67 units.
    private const int Gsm7Single = 160;
    private const int Gsm7PerPart = 153;
    private const int Ucs2Single = 70;
    private const int Ucs2PerPart = 67;

    /// <summary>
    /// Every <c>(arg0)</c> becomes the buyer's name and every <c>(arg1)</c> the reference, in one pass
    /// (a name that contains <c>(arg1)</c> stays as written); other text is untouched. The result is
    /// in Unicode normalisation form C, so a name sent decomposed (<c>o</c> + combining diaeresis, as
    /// macOS writes it) measures as the <c>ö</c> it is.
    /// </summary>
    public static string Fill(string template, string? buyerName, string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Fill(template, [buyerName, reference]);
    }

    /// <summary>
    /// Every <c>(argN)</c> (N a single digit below the number of <paramref name="args"/>) becomes
    /// <c>args[N]</c>, in one pass, as <see cref="Fill(string, string?, string)"/> does for the first two.
    /// </summary>
    public static string Fill(string template, IReadOnlyList<string?> args)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(args);
        var text = new StringBuilder(template.Length + 64);
        var rest = template.AsSpan();
        while (!rest.IsEmpty)
        {
            if (rest is ['(', 'a', 'r', 'g', >= '0' and <= '9', ')', ..] && rest[4] - '0' < args.Count)
            {
                text.Append(args[rest[4] - '0']);
                rest = rest[6..];
            }
            else
            {
                text.Append(rest[0]);
                rest = rest[1..];
            }
        }

        return text.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// GSM-7 when every character is in the GSM 03.38 default alphabet or its extension table,
    /// otherwise UCS-2; and the parts it takes. Parts are counted as a phone splits the text: an
    /// escape pair (GSM-7) or a surrogate pair (UCS-2) is never cut, so it may start the next part.
    /// </summary>
    public static SmsMeasure Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var septets = 0;
        foreach (var c in text)
        {
            var width = GsmAlphabet.Septets(c);
            if (width == 0)
            {
                return MeasureUcs2(text);
            }

            septets += width;
        }

        return new(SmsEncodings.Gsm7, septets, Parts(text, septets, Gsm7Single, Gsm7PerPart, static (s, i) => GsmAlphabet.Septets(s[i])));
    }

    private static SmsMeasure MeasureUcs2(string text) =>
        new(SmsEncodings.Ucs2, text.Length, Parts(text, text.Length, Ucs2Single, Ucs2PerPart, static (s, i) => char.IsSurrogatePair(s, i) ? 2 : 1));

    /// <param name="width">The units of the indivisible piece starting at an index.</param>
    private static int Parts(string text, int units, int single, int perPart, Func<string, int, int> width)
    {
        if (units <= single)
        {
            return units == 0 ? 0 : 1;
        }

        var (parts, used) = (1, 0);
        for (var i = 0; i < text.Length;)
        {
            var w = width(text, i);
            if (used + w > perPart)
            {
                (parts, used) = (parts + 1, 0);
            }

            used += w;

            // A GSM-7 escape pair is one character in the text; a surrogate pair is two.
            i += char.IsSurrogatePair(text, i) ? 2 : 1;
        }

        return parts;
    }
}
