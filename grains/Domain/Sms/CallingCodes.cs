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
}
