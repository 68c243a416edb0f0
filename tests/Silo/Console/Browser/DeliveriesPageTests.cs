using Microsoft.Playwright;
using OrleansShop.Tests.Grains.Domain.Invoicing;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Connectors;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Console.Browser;

/// <summary>The operators' deliveries page: effects that failed, filtered by shop and kind, retried from the page.</summary>
[Collection(ConsoleBrowser.Collection)]
public sealed class DeliveriesPageTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task A_dead_letter_is_listed_under_its_shop_and_kind_and_retried_from_the_page_while_a_merchant_cannot_open_it()
    {
        var silo = browser.Scope.Cluster.Primary;
        await using var shopSite = await FakeShopCallbacks.StartAsync();
        shopSite.AnswerWith(410, "gone"); // refused for good: a dead letter
        var key = await ConsoleShops.CreateAsync(silo, "failing-callback", new
        {
            name = "Failing callback",
            webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
            invoicing = new { enabled = true, issueOn = "paid", callbackUrl = shopSite.Url.AbsoluteUri, callbackSecret = InvoicingTesting.CallbackSecret },
        });
        var poster = ConsoleShops.Poster(silo, "failing-callback");
        await ConsoleShops.SendAsync(poster, SignedPoster.Created("D-1", paymentMethod: "card"));
        await ConsoleShops.SendAsync(poster, SignedPoster.Status("D-1", "paid"));
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, TestingHost.TestSilo.AdminToken);
        await Eventually.TrueAsync(
            async () =>
            {
                await page.GotoAsync("/console/deliveries?state=dead&shop=failing-callback");
                return await page.Locator("table.deliveries tbody tr").CountAsync() > 0;
            },
            "the refused callback is listed as a dead letter");
        var kind = await page.Locator("table.deliveries tbody tr td").Nth(1).InnerTextAsync();

        await page.GetByLabel("Kind").FillAsync(kind.Split(' ')[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.deliveries tbody tr")).ToHaveCountAsync(1);
        await page.Locator("table.deliveries tbody tr button").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is being retried now");
        await Eventually.TrueAsync(() => shopSite.Callbacks.Count == 2, "the retry calls the shop again");
        await page.GotoAsync("/console/deliveries?state=dead&shop=another-shop");
        await Assertions.Expect(page.GetByText("No deliveries match.")).ToBeVisibleAsync();

        var merchant = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(merchant, key);
        var refused = await merchant.GotoAsync("/console/deliveries");
        Assert.Equal(404, refused!.Status);
    }

    [Fact]
    public async Task A_merchant_replays_the_shops_dead_letters_after_confirming_their_count_and_cannot_discard_them()
    {
        var silo = browser.Scope.Cluster.Primary;
        await using var shopSite = await FakeShopCallbacks.StartAsync();
        shopSite.AnswerWith(410, "gone");
        var key = await ConsoleShops.CreateAsync(silo, "bulk-console", new
        {
            name = "Bulk console",
            webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
            invoicing = new { enabled = true, issueOn = "paid", callbackUrl = shopSite.Url.AbsoluteUri, callbackSecret = InvoicingTesting.CallbackSecret },
        });
        var poster = ConsoleShops.Poster(silo, "bulk-console");
        foreach (var order in new[] { "B-1", "B-2" })
        {
            await ConsoleShops.SendAsync(poster, SignedPoster.Created(order, paymentMethod: "card"));
            await ConsoleShops.SendAsync(poster, SignedPoster.Status(order, "paid"));
        }

        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);
        await Eventually.TrueAsync(
            async () =>
            {
                await page.GotoAsync("/console/shops/bulk-console/deliveries?state=dead");
                return await page.GetByText("2 dead letters match these filters.").IsVisibleAsync();
            },
            "both refused callbacks are dead letters");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Discard all 2" }).CountAsync());
        shopSite.AnswerWith(204, string.Empty);

        await page.GetByRole(AriaRole.Button, new() { Name = "Replay all 2" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Replay 2 dead letters?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 dead letters are being replayed");
        await Eventually.TrueAsync(() => shopSite.Callbacks.Count == 4, "each dead letter is attempted once more");
        await page.GotoAsync("/console/shops/bulk-console/deliveries?state=dead");
        await Assertions.Expect(page.GetByText("No deliveries match.")).ToBeVisibleAsync();
        var other = await page.GotoAsync("/console/shops/failing-callback/deliveries");
        Assert.Equal(404, other!.Status);
    }
}
