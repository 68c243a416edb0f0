using Microsoft.Playwright;
using OrleansShop.Tests.TestingHost;

namespace OrleansShop.Tests.Silo.Console.Browser;

/// <summary>Orleans' dashboard in Chromium: an operator follows the console's link and the dashboard's script renders the cluster.</summary>
[Collection(ConsoleBrowser.Collection)]
public sealed class DashboardPageTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task An_operator_follows_the_consoles_link_to_a_rendered_dashboard_of_the_cluster()
    {
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, TestSilo.AdminToken);

        await page.GetByRole(AriaRole.Link, new() { Name = "Orleans dashboard" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(browser.BaseAddress, "/console/dashboard/").ToString());
        var activeSilos = page.Locator(".info-box-content", new() { Has = page.GetByText("Active Silos") }).Locator(".info-box-number").First;
        await Assertions.Expect(activeSilos).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"), new() { Timeout = 30_000 }); // the cluster's counters have arrived (polled every second)
        await Screenshots.TakeAsync(page, "orleans-dashboard");
    }
}
