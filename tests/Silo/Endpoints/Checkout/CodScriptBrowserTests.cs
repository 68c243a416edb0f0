using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using OrleansShop.Tests.Silo.Console.Browser;

namespace OrleansShop.Tests.Silo.Endpoints.Checkout;

/// <summary>
/// The checkout snippet in Chromium: a storefront page on another loopback origin (a Kestrel of the
/// test's own) serves the silo's example page, whose script asks the silo across origins. COD is
/// hidden for a buyer below the shop's threshold, shown for a good or new one, and shown when the
/// storefront's origin is not allowed (the call fails, and the snippet fails open).
/// </summary>
[Collection(ConsoleBrowser.Collection)]
public sealed class CodScriptBrowserTests(ConsoleBrowser browser)
{
    private const string CodRow = "#pay-cod-row";

    [Fact]
    public async Task Cod_is_hidden_for_a_buyer_below_the_threshold_and_shown_for_a_good_or_new_one()
    {
        var silo = browser.Scope.Cluster.Primary;
        await using var storefront = await Storefront.StartAsync();
        var (_, publishableKey) = await CheckoutTesting.CreateAsync(silo, "snippet-listed", CheckoutTesting.Shop(storefront.Origin));
        await CheckoutTesting.BuyerAsync(silo, "late.payer@example.com", collected: 1, notCollected: 3);
        await CheckoutTesting.BuyerAsync(silo, "good.payer@example.com", collected: 4, notCollected: 0);
        await storefront.ServeExampleAsync(silo.BaseAddress, "snippet-listed", publishableKey);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(storefront.CheckoutPage.ToString());
        await page.WaitForSelectorAsync($"{CodRow}[data-orleansshop-cod='idle']", new() { State = WaitForSelectorState.Attached });
        await page.GetByLabel("Cash on delivery").CheckAsync();

        await EnterEmailAsync(page, "late.payer@example.com", "refused");
        Assert.False(await page.IsVisibleAsync(CodRow));
        Assert.False(await page.Locator("#pay-cod").IsCheckedAsync()); // a hidden option is not left chosen
        Assert.True(await page.Locator("#pay-cod").IsDisabledAsync());

        await EnterEmailAsync(page, "new.buyer@example.com", "allowed");
        Assert.True(await page.IsVisibleAsync(CodRow));
        Assert.True(await page.Locator("#pay-cod").IsEnabledAsync());

        await EnterEmailAsync(page, "late.payer@example.com", "refused");
        Assert.False(await page.IsVisibleAsync(CodRow));

        await EnterEmailAsync(page, "good.payer@example.com", "allowed");
        Assert.True(await page.IsVisibleAsync(CodRow));
        Assert.True(await page.Locator("#pay-cod").IsEnabledAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_page_of_an_origin_the_shop_does_not_list_fails_open_and_shows_cod()
    {
        var silo = browser.Scope.Cluster.Primary;
        await using var storefront = await Storefront.StartAsync();
        var (apiKey, publishableKey) = await CheckoutTesting.CreateAsync(silo, "snippet-unlisted", CheckoutTesting.Shop("https://elsewhere.example"));
        await CheckoutTesting.BuyerAsync(silo, "unlisted.late@example.com", collected: 0, notCollected: 2);
        await storefront.ServeExampleAsync(silo.BaseAddress, "snippet-unlisted", publishableKey);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(storefront.CheckoutPage.ToString());
        await page.WaitForSelectorAsync($"{CodRow}[data-orleansshop-cod='idle']", new() { State = WaitForSelectorState.Attached });

        await EnterEmailAsync(page, "unlisted.late@example.com", "unknown");

        Assert.True(await page.IsVisibleAsync(CodRow));
        Assert.True(await page.Locator("#pay-cod").IsEnabledAsync());
        using var shop = silo.CreateClient(apiKey);
        var verdict = await (await shop.PostAsJsonAsync("/v1/shops/snippet-unlisted/cod-eligibility", new { email = "unlisted.late@example.com" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(verdict.GetProperty("codAllowed").GetBoolean()); // shown because the browser could not ask, not because the buyer may
        await page.Context.CloseAsync();
    }

    /// <summary>Types the address and leaves the field, as a buyer does, and waits until the snippet has settled on <paramref name="state"/>.</summary>
    private static async Task EnterEmailAsync(IPage page, string email, string state)
    {
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("E-mail address").PressAsync("Tab");
        await page.WaitForSelectorAsync($"{CodRow}[data-orleansshop-cod='{state}']", new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>A storefront of the test's own on a loopback port: another origin than the silo's. It serves the silo's example page with the script loaded from the silo.</summary>
    private sealed class Storefront(WebApplication app) : IAsyncDisposable
    {
        private volatile string _page = "<!DOCTYPE html><title>not yet</title>";

        public string Origin { get; } = new Uri(app.Urls.First()).GetLeftPart(UriPartial.Authority);

        public Uri CheckoutPage => new(Origin + "/checkout");

        public static async Task<Storefront> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            Storefront? storefront = null;
            app.MapGet("/checkout", () => Results.Content(storefront!._page, "text/html; charset=utf-8"));
            await app.StartAsync();
            storefront = new Storefront(app);
            return storefront;
        }

        /// <summary>The silo's example page for the shop and key, its script taken from the silo as a storefront takes it from the gateway.</summary>
        public async Task ServeExampleAsync(Uri silo, string shopId, string publishableKey)
        {
            using var http = new HttpClient { BaseAddress = silo };
            var example = await http.GetStringAsync($"/checkout/example?shopId={shopId}&key={publishableKey}");
            Assert.Contains("src=\"/checkout/cod.js\"", example, StringComparison.Ordinal);
            _page = example.Replace("src=\"/checkout/cod.js\"", $"src=\"{new Uri(silo, "/checkout/cod.js")}\"", StringComparison.Ordinal);
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
