namespace OrleansShop.Grains.Sms;

/// <summary>
/// The country calling code that a national phone number without one belongs to, from the order's
/// address country. Turkey (the SMS seed's market) when the order does not say.
/// </summary>
public static class CallingCodes
{
    public const string Default = "90";

    private static readonly Dictionary<string, string> ByCountry = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TR"] = "90",
        ["HU"] = "36",
        ["DE"] = "49",
        ["AT"] = "43",
        ["RO"] = "40",
        ["SK"] = "421",
        ["CZ"] = "420",
        ["PL"] = "48",
        ["GB"] = "44",
        ["NL"] = "31",
        ["FR"] = "33",
        ["IT"] = "39",
        ["ES"] = "34",
        ["US"] = "1",
    };

    public static string For(string? countryCode) =>
        countryCode is not null && ByCountry.TryGetValue(countryCode, out var code) ? code : Default;

    /// <summary>Whether <paramref name="code"/> is a country calling code: one to three digits, not starting with 0, a leading <c>+</c> allowed.</summary>
    public static bool IsCallingCode(string? code) =>
        code?.TrimStart('+') is { Length: >= 1 and <= 3 } digits && digits[0] != '0' && digits.All(char.IsAsciiDigit);
}
