using System.Buffers;

namespace OrleansShop.Grains.Sms;

/// <summary>
/// The GSM 03.38 (3GPP TS 23.038 §6.2.1) 7-bit default alphabet and its extension table. Its Latin
/// letters with diacritics are exactly these: <c>è é ù ì ò Ç Ø ø Å å Æ æ ß É Ä Ö Ñ Ü ä ö ñ ü à</c>.
/// So Turkish <c>ç ğ ı İ ş Ş Ğ</c> and Hungarian <c>á í ó ú ő ű</c> (and their capitals but <c>É Ö Ü</c>)
/// need UCS-2; position 0x09 is the capital <c>Ç</c>, not <c>ç</c>.
/// </summary>
internal static class GsmAlphabet
{
    /// <summary>The 128 septets in code order; 0x1B is the escape to the extension table, not a character.</summary>
    internal const string DefaultTable =
        "@£$¥èéùìòÇ\nØø\rÅå" +
        "Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ" +
        " !\"#¤%&'()*+,-./" +
        "0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNO" +
        "PQRSTUVWXYZÄÖÑÜ§" +
        "¿abcdefghijklmno" +
        "pqrstuvwxyzäöñüà";

    /// <summary>Characters sent as escape + septet, so two septets each: form feed <c>^ { } \ [ ~ ] | €</c>.</summary>
    internal const string ExtensionTable = "\f^{}\\[~]|€";

    private const char Escape = '\u001B';

    private static readonly SearchValues<char> Default = SearchValues.Create(DefaultTable.Replace(Escape.ToString(), string.Empty, StringComparison.Ordinal));
    private static readonly SearchValues<char> Extension = SearchValues.Create(ExtensionTable);

    /// <summary>1 or 2 septets, or 0 when the character is not in the alphabet.</summary>
    public static int Septets(char c) => Default.Contains(c) ? 1 : Extension.Contains(c) ? 2 : 0;
}
