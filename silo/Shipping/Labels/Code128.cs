using System.Globalization;

namespace OrleansShop.Silo.Shipping.Labels;

/// <summary>
/// A Code 128 barcode (ISO/IEC 15417) of printable ASCII text: Code Set B, with Code Set C (two
/// digits a symbol) for runs of digits long enough to be shorter that way. The result is the bar and
/// space widths, in modules, for the label to draw as rectangles; no library draws it.
/// </summary>
public static class Code128
{
    /// <summary>The quiet zone the standard asks for on each side: ten modules of nothing.</summary>
    public const int QuietZoneModules = 10;

    public const int StartA = 103;
    public const int StartB = 104;
    public const int StartC = 105;
    public const int Stop = 106;

    /// <summary>In Code Set B: go on in Code Set C.</summary>
    public const int CodeC = 99;

    /// <summary>In Code Set C: go on in Code Set B.</summary>
    public const int CodeB = 100;

    /// <summary>
    /// Each symbol value's widths: bar, space, bar, space, bar, space (eleven modules), and for the
    /// stop symbol a final two-module bar (thirteen). The standard's table, values 0 to 106.
    /// </summary>
    public static IReadOnlyList<string> Patterns { get; } =
    [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ];

    /// <summary>
    /// The symbol values of <paramref name="text"/>: the start code, the data (with code set changes),
    /// and the checksum; the stop symbol is not among them.
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty or has a character outside printable ASCII (space to <c>~</c>).</exception>
    public static IReadOnlyList<int> Values(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"Code 128 B/C encodes printable ASCII only, not U+{(int)c:X4}.", nameof(text));
            }
        }

        var values = new List<int>(text.Length + 4);
        var set = '\0';
        var i = 0;
        while (i < text.Length)
        {
            var run = DigitRun(text, i);
            if (ShouldUseC(text, i, run))
            {
                if (run % 2 == 1)
                {
                    // An odd run: its first digit in Code Set B, the even rest in pairs.
                    Switch(values, ref set, 'B');
                    values.Add(text[i] - ' ');
                    i++;
                    run--;
                }

                Switch(values, ref set, 'C');
                for (; run > 0; run -= 2, i += 2)
                {
                    values.Add(((text[i] - '0') * 10) + (text[i + 1] - '0'));
                }
            }
            else
            {
                Switch(values, ref set, 'B');
                values.Add(text[i] - ' ');
                i++;
            }
        }

        values.Add(Checksum(values));
        return values;
    }

    /// <summary>
    /// The whole symbol as widths in modules, alternately bar and space, starting and ending with a
    /// bar: start code, data, checksum, stop. Quiet zones are not included.
    /// </summary>
    public static IReadOnlyList<int> Widths(string text)
    {
        var widths = new List<int>();
        foreach (var value in Values(text).Append(Stop))
        {
            widths.AddRange(Patterns[value].Select(w => w - '0'));
        }

        return widths;
    }

    /// <summary>The start value plus each data value times its position (the first data symbol is 1), modulo 103.</summary>
    public static int Checksum(IReadOnlyList<int> startAndData)
    {
        ArgumentNullException.ThrowIfNull(startAndData);
        var sum = startAndData[0];
        for (var position = 1; position < startAndData.Count; position++)
        {
            sum += position * startAndData[position];
        }

        return sum % 103;
    }

    /// <summary>The values as the standard names them, for messages: <c>104 47 51 … 96</c>.</summary>
    public static string Describe(IEnumerable<int> values) => string.Join(' ', values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// Code Set C pays off for four digits that start or end the text (or are all of it, or two of them
    /// when that is all there is), and for six in the middle, which cost a switch there and back.
    /// </summary>
    private static bool ShouldUseC(string text, int at, int run)
    {
        var whole = at == 0 && run == text.Length;
        var atEdge = at == 0 || at + run == text.Length;
        return (whole && run >= 2 && run % 2 == 0) || (atEdge && run >= 4) || run >= 6;
    }

    private static int DigitRun(string text, int at)
    {
        var end = at;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - at;
    }

    private static void Switch(List<int> values, ref char set, char to)
    {
        if (set == to)
        {
            return;
        }

        values.Add(set == '\0' ? (to == 'C' ? StartC : StartB) : (to == 'C' ? CodeC : CodeB));
        set = to;
    }
}
