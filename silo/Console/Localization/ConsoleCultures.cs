using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace OrleansShop.Silo.Console.Localization;

/// <summary>
/// The console's languages — those of the shops in OrleansShop's seeds — picked from the user's
/// choice (a cookie set by the language switch), else from <c>Accept-Language</c>, else English.
/// </summary>
internal static class ConsoleCultures
{
    public const string CookieName = ".OrleansShop.Console.Culture";

    /// <summary>Each language with its name in that language, for the switch.</summary>
    public static IReadOnlyList<(string Code, string Name)> All { get; } = [("en", "English"), ("hu", "Magyar"), ("tr", "Türkçe"), ("pl", "Polski")];

    /// <summary>The culture formats follow: the language's main country (HUF in Hungary, TRY in Türkiye, PLN in Poland).</summary>
    public static CultureInfo Formatting(string code) => CultureInfo.GetCultureInfo(code switch
    {
        "hu" => "hu-HU",
        "tr" => "tr-TR",
        "pl" => "pl-PL",
        _ => "en-GB",
    });

    public static bool IsSupported(string? code) => All.Any(c => c.Code == code);

    public static RequestLocalizationOptions Options()
    {
        var cultures = All.Select(c => CultureInfo.GetCultureInfo(c.Code)).ToArray();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(cultures[0]),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true, // hu-HU, tr-TR, pl-PL, en-US: the language
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider { CookieName = CookieName },
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }
}
