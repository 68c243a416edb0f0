using Microsoft.Playwright;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Console.Browser;

/// <summary>The console by keyboard, and a label for every field of every page.</summary>
[Collection(ConsoleBrowser.Collection)]
public sealed class AccessibilityTests(ConsoleBrowser browser)
{
    private const string UnlabelledFields =
        """
        () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))
                .map(e => e.id || e.name)
        """;

    private const string NamelessControls =
        """
        () => [...document.querySelectorAll('a, button')]
                .filter(e => !(e.getAttribute('aria-label') || e.textContent).trim())
                .map(e => e.outerHTML)
        """;

    [Fact]
    public async Task A_merchant_signs_in_with_the_keyboard_alone()
    {
        var key = await ConsoleShops.CreateAsync(browser.Scope.Cluster.Primary, "keyboard-shop");
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/console");

        for (var presses = 0; presses < 20 && await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") != "key"; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.TypeAsync(key);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(browser.BaseAddress, "/console/shops/keyboard-shop/orders").ToString());
    }

    [Fact]
    public async Task Every_field_and_every_control_of_every_page_has_a_name()
    {
        var silo = browser.Scope.Cluster.Primary;
        await ConsoleShops.CreateAsync(silo, "labelled-shop");
        await ConsoleShops.SendAsync(ConsoleShops.Poster(silo, "labelled-shop"), SignedPoster.Created("A-1"));
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/console");
        var pages = new Dictionary<string, (string[] Fields, string[] Controls)>
        {
            ["/console"] = (await page.EvaluateAsync<string[]>(UnlabelledFields), await page.EvaluateAsync<string[]>(NamelessControls)),
        };
        await ConsoleShops.SignInAsync(page, TestingHost.TestSilo.AdminToken);

        foreach (var path in new[] { "/console/shops", "/console/shops/labelled-shop/orders", "/console/shops/labelled-shop/orders/A-1", "/console/shops/labelled-shop/settings", "/console/shops/labelled-shop/received", "/console/deliveries" })
        {
            await page.GotoAsync(path);
            pages[path] = (await page.EvaluateAsync<string[]>(UnlabelledFields), await page.EvaluateAsync<string[]>(NamelessControls));
        }

        Assert.All(pages, entry => Assert.True(entry.Value.Fields.Length == 0 && entry.Value.Controls.Length == 0, $"{entry.Key}: {string.Join(", ", entry.Value.Fields.Concat(entry.Value.Controls))}"));
    }
}
