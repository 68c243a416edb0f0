using System.Globalization;
using System.Text;

namespace OrleansShop.Grains.Sms;

/// <summary>
/// Reads a buyer's reply <c>&lt;KEYWORD&gt; &lt;reference&gt;</c>, independent of the current culture.
/// <list type="bullet">
/// <item>Case is ignored, and Turkish <c>İ ı I i</c> are one letter (<c>İPTAL</c> = <c>IPTAL</c> = <c>iptal</c> = <c>ıptal</c>);
/// full-width forms count as ASCII (Unicode NFKC).</item>
/// <item>Whitespace and punctuation before the keyword, between keyword and reference and after the
/// reference are ignored: <c>onay:10023</c>, <c>Onay #10023</c>, <c>ONAY-10023</c>, <c>ONAY 10023.</c></item>
/// <item>The keyword comes first and is a word of its own: <c>ONAYLIYORUM</c>, <c>ONAYY</c>, <c>0NAY</c>
/// are not <c>ONAY</c>. Glued to digits it still counts (<c>ONAY10023</c>): phones' autocorrect and
/// hurried buyers drop the space, and a letter cannot be confused with a digit there. Glued to letters
/// it does not (<c>ONAYA1001</c> is ambiguous).</item>
/// <item>The reference is the word right after the keyword: letters and digits, with a dash kept only
/// between two of them (<c>A-1001</c>; <c>A - 1001</c> reads <c>A</c>). Anything after it is ignored
/// (<c>ONAY 10023 teşekkürler</c>); a second reference is not looked for.</item>
/// </list>
/// </summary>
public static class SmsReplyParser
{
    private const char CombiningDotAbove = '\u0307';

    /// <exception cref="ArgumentException">The keyword is empty or not a single word of letters and digits (a shop configuration error).</exception>
    public static SmsReply Parse(string? text, string expectedKeyword)
    {
        var keyword = FoldKeyword(expectedKeyword);
        var reply = Fold(text ?? string.Empty);
        var start = SkipSeparators(reply, 0);
        if (start == reply.Length)
        {
            return SmsReply.Not(SmsReplyReasons.Empty);
        }

        if (!reply.AsSpan(start).StartsWith(keyword, StringComparison.Ordinal))
        {
            return SmsReply.Not(SmsReplyReasons.WrongKeyword);
        }

        var after = start + keyword.Length;
        if (after < reply.Length && char.IsLetterOrDigit(reply[after]) && !IsGluedReference(keyword, reply[after]))
        {
            return SmsReply.Not(SmsReplyReasons.WrongKeyword);
        }

        var reference = ReadReference(reply, SkipSeparators(reply, after));
        return reference is null ? SmsReply.Not(SmsReplyReasons.MissingReference) : SmsReply.Confirms(reference);
    }

    /// <summary>
    /// An order reference written the way <see cref="Parse"/> reads one from a reply (<c>#1001</c> →
    /// <c>1001</c>, <c>a-1001</c> → <c>A-1001</c>), so matching compares like with like; null when it has no letters or digits.
    /// </summary>
    public static string? NormalizeReference(string? reference)
    {
        var folded = Fold(reference ?? string.Empty);
        return ReadReference(folded, SkipSeparators(folded, 0));
    }

    private static bool IsGluedReference(string keyword, char next) => char.IsDigit(next) && char.IsLetter(keyword[^1]);

    private static string FoldKeyword(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        var folded = Fold(keyword.Trim());
        return folded.Length > 0 && folded.All(char.IsLetterOrDigit)
            ? folded
            : throw new ArgumentException("The confirmation keyword must be one word of letters and digits.", nameof(keyword));
    }

    private static string? ReadReference(string reply, int start)
    {
        var end = start;
        while (end < reply.Length && char.IsLetterOrDigit(reply[end]))
        {
            end++;
            if (end + 1 < reply.Length && reply[end] == '-' && char.IsLetterOrDigit(reply[end + 1]))
            {
                end++;
            }
        }

        return end > start ? reply[start..end] : null;
    }

    private static int SkipSeparators(string reply, int index)
    {
        while (index < reply.Length && !char.IsLetterOrDigit(reply[index]))
        {
            index++;
        }

        return index;
    }

    /// <summary>
    /// Upper case without a culture, with <c>İ ı i</c> as <c>I</c>: the current culture must not decide
    /// (under tr-TR <c>"iptal".ToUpper()</c> is <c>İPTAL</c>, elsewhere <c>"İ".ToLower()</c> is <c>i</c> + a
    /// combining dot). Every dash becomes <c>-</c>, so an en dash typed by a phone separates or joins like a hyphen.
    /// </summary>
    private static string Fold(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var folded = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (c == CombiningDotAbove && folded.Length > 0 && folded[^1] == 'I')
            {
                continue;
            }

            folded.Append(c switch
            {
                'i' or 'ı' or 'İ' => 'I',
                _ when CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation => '-',
                _ => char.ToUpperInvariant(c),
            });
        }

        return folded.ToString();
    }
}
