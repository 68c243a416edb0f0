using System.Net.Http.Json;
using Microsoft.Playwright;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Console.Browser;

/// <summary>The console's languages: picked from Accept-Language, switched on every page, with money and dates as the culture writes them.</summary>
[Collection(ConsoleBrowser.Collection)]
public sealed class LanguageTests(ConsoleBrowser browser) : IAsyncLifetime
{
    private readonly string _shopId = $"languages-{Guid.NewGuid():N}"[..24];
    private string _key = string.Empty;

    public async Task InitializeAsync()
    {
        var silo = browser.Scope.Cluster.Primary;
        _key = await ConsoleShops.CreateAsync(silo, _shopId);
        await ConsoleShops.SendAsync(ConsoleShops.Poster(silo, _shopId), SignedPoster.Created("L-1", total: "12990.00"));
        using var api = silo.CreateClient(_key);
        await Infrastructure.Eventually.TrueAsync(async () => (await api.GetAsync($"/v1/shops/{_shopId}/orders/L-1")).IsSuccessStatusCode, "the order exists");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // Forints are written without decimals; in Hungary as Hungarians write money, elsewhere with the code.
    [Theory]
    [InlineData("en-GB", "en", "Orders", "Cash on delivery", "12,990 HUF")]
    [InlineData("hu-HU", "hu", "Rendelések", "Utánvét", "12 990 Ft")]
    [InlineData("tr-TR", "tr", "Siparişler", "Kapıda ödeme", "12.990 HUF")]
    [InlineData("pl-PL", "pl", "Zamówienia", "Za pobraniem", "12 990 HUF")]
    public async Task Accept_language_picks_the_language_the_html_lang_and_the_money_format(string locale, string lang, string orders, string cod, string total)
    {
        var page = await browser.NewPageAsync(locale);
        await ConsoleShops.SignInAsync(page, _key);

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(orders);
        var row = page.Locator("table.orders tbody tr").First;
        Assert.Equal(total, Spaces(await row.Locator("td.number").InnerTextAsync()));
        await Assertions.Expect(row).ToContainTextAsync(cod);
    }

    [Fact]
    public async Task The_switch_changes_the_language_of_every_page_and_remembers_it()
    {
        var page = await browser.NewPageAsync("en-GB");
        await ConsoleShops.SignInAsync(page, _key);

        await page.GetByRole(AriaRole.Link, new() { Name = "Polski" }).ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        Assert.EndsWith($"/console/shops/{_shopId}/orders", page.Url, StringComparison.Ordinal);
        await page.GotoAsync($"/console/shops/{_shopId}/orders/L-1");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Oś czasu" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Polski" })).ToHaveAttributeAsync("aria-current", "true");
    }

    [Fact]
    public async Task Every_page_offers_the_switch_with_each_language_named_in_itself()
    {
        var page = await browser.NewPageAsync("tr-TR");
        await page.GotoAsync("/console");

        var switcher = page.GetByRole(AriaRole.Navigation, new() { Name = "Dil" });
        Assert.Equal(["English", "Magyar", "Türkçe", "Polski"], await switcher.GetByRole(AriaRole.Link).AllInnerTextsAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "OrleansShop'a giriş" })).ToBeVisibleAsync();
    }

    /// <summary>Cultures separate thousands with no-break or narrow no-break spaces.</summary>
    private static string Spaces(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim();
}
