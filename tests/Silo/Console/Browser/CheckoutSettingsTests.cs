using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace OrleansShop.Tests.Silo.Console.Browser;

/// <summary>The settings page's checkout snippet card: the publishable key shown and replaced, the allowed origins refused next to the field or saved.</summary>
[Collection(ConsoleBrowser.Collection)]
public sealed class CheckoutSettingsTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task A_merchant_sees_the_publishable_key_replaces_it_and_saves_allowed_origins_after_a_bad_one_is_refused()
    {
        var silo = browser.Scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "checkout-settings", ConsoleShops.Shop("Kassza Webshop"));
        using var api = silo.CreateClient(key);
        var first = (await api.GetFromJsonAsync<JsonElement>("/v1/shops/checkout-settings")).GetProperty("checkout").GetProperty("publishableKey").GetString();
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        var card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Checkout snippet" }) });

        await Assertions.Expect(card.GetByLabel("Publishable key")).ToHaveValueAsync(first!);
        await card.GetByLabel("Allowed origins").FillAsync("https://kassza.example\nkassza.example/checkout");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#allowed-origins-error")).ToContainTextAsync("absolute http or https origin");
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/v1/shops/checkout-settings")).GetProperty("checkout").GetProperty("allowedOrigins").EnumerateArray());

        card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Checkout snippet" }) });
        await card.GetByLabel("Allowed origins").FillAsync("https://Kassza.example/\nhttp://127.0.0.1:8123");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Assertions.Expect(card.GetByLabel("Allowed origins")).ToHaveValueAsync("https://kassza.example\nhttp://127.0.0.1:8123");
        Assert.Equal(["https://kassza.example", "http://127.0.0.1:8123"], (await api.GetFromJsonAsync<JsonElement>("/v1/shops/checkout-settings")).GetProperty("checkout").GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));

        await card.GetByRole(AriaRole.Button, new() { Name = "Replace the publishable key" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("publishable-key-rotated")).ToBeVisibleAsync();
        var second = (await api.GetFromJsonAsync<JsonElement>("/v1/shops/checkout-settings")).GetProperty("checkout").GetProperty("publishableKey").GetString();
        Assert.NotEqual(first, second);
        await Assertions.Expect(page.GetByLabel("Publishable key")).ToHaveValueAsync(second!);
        await page.Context.CloseAsync();
    }
}
