using Microsoft.Playwright;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Console.Browser;

/// <summary>The shop's delivery log in the console: what its address received, with the refusals' reasons.</summary>
[Collection(ConsoleBrowser.Collection)]
public sealed class WebhookLogPageTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task A_refused_delivery_is_listed_with_its_reason_and_the_filter_keeps_only_refusals()
    {
        var silo = browser.Scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "received-shop");
        await ConsoleShops.SendAsync(ConsoleShops.Poster(silo, "received-shop"), SignedPoster.Created("R-1"));
        using var anonymous = silo.CreateClient(bearer: null);
        await new SignedPoster(anonymous, "received-shop", "whsec_" + Convert.ToBase64String(new byte[32])).StandardAsync(SignedPoster.Created("R-2"));
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);

        await Eventually.TrueAsync(
            async () =>
            {
                await page.GotoAsync("/console/shops/received-shop/received");
                return await page.Locator("table.receipts tbody tr").CountAsync() == 2;
            },
            "both deliveries are listed");
        await page.GetByLabel("Outcome").SelectOptionAsync("refused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        var row = page.Locator("table.receipts tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("401");
        await Assertions.Expect(row).ToContainTextAsync("signature");
    }
}
