using System.Globalization;
using Microsoft.Extensions.Localization;

namespace OrleansShop.Silo.Console.Localization;

/// <summary>
/// The console's texts in a shop's buyers' language rather than the request's: the localizer reads
/// the thread's UI culture, so it is set for the rendering only and put back after.
/// </summary>
internal static class BuyerTexts
{
    public static T InLanguage<T>(IStringLocalizerFactory localizers, string language, Func<IStringLocalizer, T> render)
    {
        ArgumentNullException.ThrowIfNull(localizers);
        ArgumentNullException.ThrowIfNull(render);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            return render(localizers.Create(typeof(ConsoleText)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
