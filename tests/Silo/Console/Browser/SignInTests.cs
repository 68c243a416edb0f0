using System.Net;
using Microsoft.Playwright;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Webhooks;

namespace OrleansShop.Tests.Silo.Console.Browser;

/// <summary>The console's sign-in, session and sign-out, in Chromium.</summary>
[Collection(ConsoleBrowser.Collection)]
public sealed class SignInTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task A_shops_key_opens_its_orders_in_an_httponly_strict_cookie_session_and_sign_out_ends_it()
    {
        var key = await ConsoleShops.CreateAsync(browser.Scope.Cluster.Primary, "signin-shop");
        var page = await browser.NewPageAsync();

        await ConsoleShops.SignInAsync(page, key);

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(browser.BaseAddress, "/console/shops/signin-shop/orders").ToString());
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Orders");
        var session = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == ".OrleansShop.Console");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Equal("/console", session.Path);
        Assert.DoesNotContain(key, page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(page.Locator("#key")).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == ".OrleansShop.Console");
        var again = await page.GotoAsync("/console/shops/signin-shop/orders");
        Assert.EndsWith("/console?ReturnUrl=%2Fconsole%2Fshops%2Fsignin-shop%2Forders", page.Url, StringComparison.Ordinal);
        Assert.Equal((int)HttpStatusCode.OK, again!.Status);
    }

    [Fact]
    public async Task A_wrong_key_gets_an_error_on_the_form_and_no_session()
    {
        var page = await browser.NewPageAsync();

        await ConsoleShops.SignInAsync(page, "shk_not-a-key-of-any-shop");

        await Assertions.Expect(page.Locator("#key-error")).ToHaveTextAsync("That key opens no shop. Check it and try again.");
        await Assertions.Expect(page.Locator("#key")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == ".OrleansShop.Console");
    }

    [Fact]
    public async Task The_admin_token_signs_an_operator_in_who_picks_a_shop_and_sees_the_deliveries()
    {
        await ConsoleShops.CreateAsync(browser.Scope.Cluster.Primary, "operator-pick", ConsoleShops.Shop("Picked by an operator"));
        var page = await browser.NewPageAsync();

        await ConsoleShops.SignInAsync(page, TestingHost.TestSilo.AdminToken);

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(browser.BaseAddress, "/console/shops").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "operator-pick" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Picked by an operator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Deliveries", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(browser.BaseAddress, "/console/shops/operator-pick/deliveries").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "All deliveries" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("All deliveries");
    }

    [Fact]
    public async Task Another_shops_order_answers_exactly_like_a_shop_that_does_not_exist()
    {
        var key = await ConsoleShops.CreateAsync(browser.Scope.Cluster.Primary, "own-shop");
        await ConsoleShops.CreateAsync(browser.Scope.Cluster.Primary, "other-shop");
        await ConsoleShops.SendAsync(ConsoleShops.Poster(browser.Scope.Cluster.Primary, "other-shop"), SignedPoster.Created("theirs"));
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);

        var other = await page.GotoAsync("/console/shops/other-shop/orders/theirs");
        var otherText = await page.Locator("main").InnerTextAsync();
        var missing = await page.GotoAsync("/console/shops/no-such-shop/orders/theirs");
        var missingText = await page.Locator("main").InnerTextAsync();

        Assert.Equal((int)HttpStatusCode.NotFound, other!.Status);
        Assert.Equal((int)HttpStatusCode.NotFound, missing!.Status);
        Assert.Equal(missingText.Replace("no-such-shop", "{shop}", StringComparison.Ordinal), otherText.Replace("other-shop", "{shop}", StringComparison.Ordinal));
        Assert.DoesNotContain("theirs", otherText, StringComparison.Ordinal);
    }
}
