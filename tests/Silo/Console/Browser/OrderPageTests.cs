using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OrleansShop.Tests.Grains.Domain.Shipping;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Shipping.Labels;

namespace OrleansShop.Tests.Silo.Console.Browser;

/// <summary>The order page: the COD verdict on the buyer with its figures, decisions by hand, and the timeline of events and side effects.</summary>
[Collection(ConsoleBrowser.Collection)]
public sealed class OrderPageTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task A_buyer_with_a_history_shows_the_figures_the_verdict_and_every_event_and_effect_in_time_order()
    {
        var silo = browser.Scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "history-shop", ConsoleShops.Shop("Szabó Kert"));
        await ConsoleShops.BuyerHistoryAsync(silo, "history-shop", key, collected: 3, notCollected: 1);
        var poster = ConsoleShops.Poster(silo, "history-shop");
        await ConsoleShops.SendAsync(poster, SignedPoster.Created("10077", email: ConsoleShops.BuyerEmail, total: "12990.00"));
        await ConsoleShops.SendAsync(poster, SignedPoster.Status("10077", "shipped"));
        await ConsoleShops.SendAsync(poster, SignedPoster.Status("10077", "paid"));
        using var api = silo.CreateClient(key);
        await Eventually.TrueAsync(
            async () =>
            {
                var order = await api.GetFromJsonAsync<JsonElement>("/v1/shops/history-shop/orders/10077");
                return order.GetProperty("invoice").GetProperty("status").GetString() == "issued"
                    && order.GetProperty("reputationReport").GetProperty("status").GetString() == "reported";
            },
            "the order is invoiced and its outcome reported");
        var invoiceNumber = (await api.GetFromJsonAsync<JsonElement>("/v1/shops/history-shop/orders/10077")).GetProperty("invoice").GetProperty("number").GetString()!;
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);

        await page.GetByRole(AriaRole.Link, new() { Name = "10077" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Paid");
        await Assertions.Expect(page.GetByTestId("order-total")).ToHaveTextAsync("12,990 HUF");
        await Assertions.Expect(page.GetByTestId("collected")).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("not-collected")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("rate")).ToHaveTextAsync("75%");
        await Assertions.Expect(page.GetByTestId("threshold")).ToHaveTextAsync("80%");
        await Assertions.Expect(page.GetByTestId("verdict")).ToHaveTextAsync("Below the threshold: flagged, the order goes on");
        await Assertions.Expect(page.GetByTestId("invoice").GetByRole(AriaRole.Link, new() { Name = invoiceNumber })).ToBeVisibleAsync();

        var timeline = await page.GetByTestId("timeline").Locator("li").AllInnerTextsAsync();
        string[] expected = ["Order placed", "Status changed", "Status changed", "Invoice", "Invoice", "Reputation report", "Reputation report"];
        var whats = await page.GetByTestId("timeline").Locator("li .what").AllInnerTextsAsync();
        Assert.All(expected.Distinct(), what => Assert.Contains(what, whats));
        Assert.Contains(timeline, line => line.Contains("Confirmed → Shipped", StringComparison.Ordinal));
        var paid = timeline.ToList().FindIndex(line => line.Contains("Shipped → Paid", StringComparison.Ordinal));
        Assert.True(paid >= 0 && timeline.Take(paid).All(line => !line.Contains("Invoice", StringComparison.Ordinal)), "the invoice follows the payment that set it off");
        Assert.Contains(timeline, line => line.Contains("Invoice", StringComparison.Ordinal) && line.Contains("issued", StringComparison.Ordinal) && line.Contains(invoiceNumber, StringComparison.Ordinal));
        Assert.Contains(timeline, line => line.Contains("Reputation report", StringComparison.Ordinal) && line.Contains("reported", StringComparison.Ordinal) && line.Contains("collected", StringComparison.Ordinal));
        var times = await page.GetByTestId("timeline").Locator("time").EvaluateAllAsync<string[]>("times => times.map(t => t.getAttribute('datetime'))");
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
        Assert.DoesNotContain(ConsoleShops.BuyerEmail, await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);

        await Screenshots.TakeAsync(page, "console-order");
    }

    [Fact]
    public async Task A_merchant_confirms_an_order_awaiting_sms_confirmation_by_hand_with_a_reason_kept_in_the_timeline()
    {
        var silo = browser.Scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "by-hand-shop", new
        {
            name = "Kézi döntés",
            webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
            sms = new { enabled = true },
        });
        await ConsoleShops.SendAsync(ConsoleShops.Poster(silo, "by-hand-shop"), SignedPoster.Created("20031"));
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);
        await page.GotoAsync("/console/shops/by-hand-shop/orders/20031");
        var decide = page.GetByTestId("decide");

        await decide.GetByRole(AriaRole.Button, new() { Name = "Confirm the order" }).ClickAsync();
        await Assertions.Expect(page.Locator("#decision-reason-error")).ToContainTextAsync("reason is required");
        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Awaiting SMS confirmation");

        await page.GetByLabel("Reason").FillAsync("confirmed by phone");
        await page.GetByTestId("decide").GetByRole(AriaRole.Button, new() { Name = "Confirm the order" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Confirmed");
        await Assertions.Expect(page.GetByTestId("decided")).ToHaveTextAsync("The order is confirmed.");
        await Assertions.Expect(page.GetByTestId("decide")).ToHaveCountAsync(0);
        var timeline = await page.GetByTestId("timeline").Locator("li").AllInnerTextsAsync();
        Assert.Contains(timeline, line => line.Contains("Confirmed by the merchant", StringComparison.Ordinal) && line.Contains("confirmed by phone", StringComparison.Ordinal));
        using var api = silo.CreateClient(key);
        var order = await api.GetFromJsonAsync<JsonElement>("/v1/shops/by-hand-shop/orders/20031");
        Assert.Equal(("Confirmed", "stopped"), (order.GetProperty("status").GetString(), order.GetProperty("sms").GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_merchant_releases_a_held_order_which_then_awaits_the_buyers_sms_confirmation()
    {
        var silo = browser.Scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "held-shop", new
        {
            name = "Visszatartó",
            webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
            reputation = new { thresholdPercent = 80, belowThreshold = "hold" },
            sms = new { enabled = true },
        });
        const string buyer = "Held.Buyer+console@example.hu"; // a record of its own: the network is shared by every test of the console's silo
        await ConsoleShops.BuyerHistoryAsync(silo, "held-shop", key, collected: 1, notCollected: 1, buyer);
        await ConsoleShops.SendAsync(ConsoleShops.Poster(silo, "held-shop"), SignedPoster.Created("30044", email: buyer));
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);
        await page.GotoAsync("/console/shops/held-shop/orders/30044");

        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Held: below the COD threshold");
        await Assertions.Expect(page.GetByTestId("verdict")).ToHaveTextAsync("Below the threshold: held for your decision");
        await Assertions.Expect(page.GetByTestId("rate")).ToHaveTextAsync("50%");
        await page.GetByLabel("Reason").FillAsync("a regular customer");
        await page.GetByTestId("decide").GetByRole(AriaRole.Button, new() { Name = "Release the order" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("decided")).ToHaveTextAsync("The order is released.");
        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Awaiting SMS confirmation");
        var timeline = await page.GetByTestId("timeline").Locator("li").AllInnerTextsAsync();
        Assert.Contains(timeline, line => line.Contains("Released by the merchant", StringComparison.Ordinal) && line.Contains("a regular customer", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("decide").GetByRole(AriaRole.Button, new() { Name = "Release the order" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_parcel_the_carrier_has_offers_its_printable_label_and_an_order_without_one_offers_none()
    {
        var silo = browser.Scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "label-shop", CargoShop.Settings());
        var otherKey = await ConsoleShops.CreateAsync(silo, "label-other", CargoShop.Settings());
        var poster = ConsoleShops.Poster(silo, "label-shop");
        await ConsoleShops.SendAsync(poster, CargoShop.Created("30001"));
        await ConsoleShops.SendAsync(poster, CargoShop.Created("30002", paymentMethod: "card")); // prepaid, not paid: not handed over
        using var api = silo.CreateClient(key);
        await Eventually.TrueAsync(
            async () => (await api.GetFromJsonAsync<JsonElement>("/v1/shops/label-shop/orders/30001")).GetProperty("shipment").GetProperty("status").GetString() == "created",
            "the carrier has the parcel");
        using var admin = silo.CreateClient();
        var cargoKey = (await admin.GetFromJsonAsync<JsonElement>("/v1/sandbox/shipments")).EnumerateArray()
            .Single(p => p.GetProperty("shopId").GetString() == "label-shop" && p.GetProperty("orderId").GetString() == "30001").GetProperty("cargoKey").GetString();
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);

        await page.GotoAsync("/console/shops/label-shop/orders/30002");
        await Assertions.Expect(page.GetByTestId("shipment")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("shipping-label")).ToHaveCountAsync(0);

        await page.GotoAsync("/console/shops/label-shop/orders/30001");
        var link = page.GetByTestId("shipment").GetByRole(AriaRole.Link, new() { Name = "Shipping label (PDF)" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        var address = new Uri(browser.BaseAddress, await link.GetAttributeAsync("href")).ToString();
        var label = await page.Context.APIRequest.GetAsync(address); // with the page's session cookie

        Assert.Equal(200, label.Status);
        Assert.Equal("application/pdf", label.Headers["content-type"]);
        var pdf = LabelPdf.Read(await label.BodyAsync());
        Assert.Equal(cargoKey, pdf.DecodeBarcode(out _, out _, out _));
        Assert.True(pdf.Shows("Ayşe Yılmaz Bağdat Cad. No:5 D:3 34710 İstanbul TR"), pdf.Text);

        // Another shop's merchant cannot open it: the same 404 as an order that does not exist.
        var other = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(other, otherKey);
        Assert.Equal(404, (await other.Context.APIRequest.GetAsync(address)).Status);
        Assert.Equal(404, (await page.Context.APIRequest.GetAsync(new Uri(browser.BaseAddress, "/console/shops/label-shop/orders/none/label.pdf").ToString())).Status);
    }
}
