using System.Globalization;
using OrleansShop.Grains.Orders;

namespace OrleansShop.Silo.Console.Localization;

/// <summary>
/// Money, numbers and times as the reader's culture writes them. An amount in the culture's own
/// currency is written as that country writes money (<c>12 990 Ft</c>); any other with its ISO code
/// (<c>12,990 HUF</c>). Forints, yen and the like are written without decimals. Times are UTC.
/// </summary>
internal sealed class ConsoleFormat(CultureInfo culture)
{
    private static readonly HashSet<string> WholeCurrencies = new(StringComparer.OrdinalIgnoreCase) { "HUF", "JPY", "KRW", "ISK", "CLP", "VND" };

    private readonly CultureInfo _culture = ConsoleCultures.Formatting(culture.TwoLetterISOLanguageName);

    public static ConsoleFormat Current => new(CultureInfo.CurrentUICulture);

    public string Money(AmountView amount)
    {
        ArgumentNullException.ThrowIfNull(amount);
        if (!decimal.TryParse(amount.Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return $"{amount.Amount} {amount.Currency}";
        }

        var digits = WholeCurrencies.Contains(amount.Currency) ? 0 : 2;
        var numbers = (NumberFormatInfo)_culture.NumberFormat.Clone();
        if (string.Equals(new RegionInfo(_culture.Name).ISOCurrencySymbol, amount.Currency, StringComparison.OrdinalIgnoreCase))
        {
            numbers.CurrencyDecimalDigits = digits;
            return value.ToString("C", numbers);
        }

        return $"{value.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), numbers)} {amount.Currency.ToUpperInvariant()}";
    }

    public string Number(long value) => value.ToString("N0", _culture);

    /// <param name="percent">A percentage, 88.46 for 88.46 %.</param>
    public string Percent(decimal percent) => (percent / 100m).ToString(percent % 1 == 0 ? "P0" : "P2", _culture);

    public string Time(DateTimeOffset at) => $"{at.UtcDateTime.ToString("g", _culture)} UTC";

    public string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d", _culture);
}
