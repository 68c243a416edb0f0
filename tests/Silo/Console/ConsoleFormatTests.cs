using System.Globalization;
using OrleansShop.Grains.Orders;
using OrleansShop.Silo.Console.Localization;

namespace OrleansShop.Tests.Silo.Console;

public sealed class ConsoleFormatTests
{
    [Theory]
    [InlineData("hu", "12990.00", "HUF", "12 990 Ft")]
    [InlineData("en", "12990.00", "HUF", "12,990 HUF")]
    [InlineData("tr", "349.90", "TRY", "₺349,90")]
    [InlineData("pl", "1234.50", "PLN", "1 234,50 zł")]
    [InlineData("en", "1234.50", "EUR", "1,234.50 EUR")]
    [InlineData("hu", "99.5", "EUR", "99,50 EUR")]
    public void Money_is_written_as_the_culture_writes_it_and_forints_without_decimals(string culture, string amount, string currency, string expected)
    {
        var written = new ConsoleFormat(CultureInfo.GetCultureInfo(culture)).Money(new AmountView(amount, currency));

        Assert.Equal(expected, written.Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }

    [Fact]
    public void An_amount_that_is_not_a_number_is_shown_as_it_came()
    {
        Assert.Equal("n/a HUF", new ConsoleFormat(CultureInfo.GetCultureInfo("hu")).Money(new AmountView("n/a", "HUF")));
    }

    [Theory]
    [InlineData("en", 75, "75%")]
    [InlineData("en", 88.46, "88.46%")]
    [InlineData("hu", 88.46, "88,46%")]
    [InlineData("tr", 80, "%80")]
    public void A_percentage_shows_its_decimals_only_when_it_has_them(string culture, double percent, string expected)
    {
        var written = new ConsoleFormat(CultureInfo.GetCultureInfo(culture)).Percent((decimal)percent);

        Assert.Equal(expected, written.Replace('\u00A0', ' ').Replace('\u202F', ' ').Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Times_are_written_in_utc_in_the_cultures_order()
    {
        var at = new DateTimeOffset(2026, 11, 20, 12, 30, 0, TimeSpan.FromHours(3));

        Assert.Equal("20/11/2026 09:30 UTC", new ConsoleFormat(CultureInfo.GetCultureInfo("en")).Time(at));
        Assert.StartsWith("2026. 11. 20.", new ConsoleFormat(CultureInfo.GetCultureInfo("hu")).Time(at), StringComparison.Ordinal);
    }
}
