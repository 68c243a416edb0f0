using System.Net;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.Szamlahegy;
using static OrleansShop.Tests.Grains.Domain.Invoicing.InvoicingTesting;
using static OrleansShop.Tests.Silo.Providers.Szamlahegy.FakeSzamlahegy;

namespace OrleansShop.Tests.Silo.Providers.Szamlahegy;

/// <summary>A live cluster invoicing through Számlahegy (a loopback fake): one invoice per order whatever fails, times out or crashes.</summary>
public sealed class SzamlahegyLiveTests : IAsyncLifetime
{
    private FakeSzamlahegy _provider = null!;
    private ClusterScope _scope = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeSzamlahegy.StartAsync();
        _scope = await ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?>
        {
            ["Providers:Mode"] = "live",
            ["Invoicing:Szamlahegy:BaseAddress"] = _provider.BaseAddress.ToString(),

            // Under the dispatcher's 2-second delivery timeout, so a hanging call ends as the client's own timeout.
            ["Invoicing:Szamlahegy:Timeout"] = "00:00:01.500",
        });
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task A_cod_invoice_goes_to_Szamlahegy_with_the_opened_email_cash_payment_and_shipping_as_its_own_row()
    {
        var (_, shop, post) = await ShopAsync(_scope.Cluster.Primary, "live", Shop());
        await post.StandardAsync(Created("2001", paymentMethod: "cod"));

        await post.StandardAsync(SignedPoster.Status("2001", "paid"));

        await UntilAsync(async () => await InvoiceStatusAsync(shop, "live", "2001") == "issued", "the invoice is issued");
        var made = Assert.Single(_provider.Invoices);
        var invoice = made.Invoice;
        Assert.Equal((Email, "C", "N", "HU", "HUF"), (invoice.GetProperty("customer_email").GetString(), invoice.GetProperty("payment_method").GetString(), made.Kind, invoice.GetProperty("language").GetString(), invoice.GetProperty("currency").GetString()));
        Assert.Equal("Kovács János", invoice.GetProperty("customer_contact_name").GetString());
        Assert.False(invoice.TryGetProperty("customer_vatnr", out _)); // a private buyer
        Assert.Equal(("Kovács János", "8640", "Fonyód", "Szigligeti utca 10.", "HU"), (invoice.GetProperty("customer_name").GetString(), invoice.GetProperty("customer_zip").GetString(), invoice.GetProperty("customer_city").GetString(), invoice.GetProperty("customer_address").GetString(), invoice.GetProperty("customer_country").GetString()));
        Assert.Equal(("orleansshop/live/2001", "#R-2001"), (made.ForeignId, invoice.GetProperty("footer").GetString()));
        var rows = invoice.GetProperty("invoice_rows_attributes").EnumerateArray().ToList();
        Assert.Equal([("Bögre", 2m, 3937.01m, 27m), ("Szállítási díj", 1m, 1574.80m, 27m)], rows.Select(r => (r.GetProperty("name").GetString(), r.GetProperty("quantity").GetDecimal(), r.GetProperty("price_slab").GetDecimal(), r.GetProperty("tax").GetDecimal())));

        var view = await InvoiceAsync(shop, "live", "2001");
        Assert.Equal(made.Number, view.GetProperty("number").GetString());
        Assert.Equal(new Uri(_provider.BaseAddress, $"user/invoices/download/{made.DocumentGuid}?inline=true").AbsoluteUri, view.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_business_buyers_tax_number_from_the_billing_address_makes_a_b2b_invoice_addressed_to_its_contact()
    {
        var (_, shop, post) = await ShopAsync(_scope.Cluster.Primary, "live-b2b", Shop());
        var created = JsonDocument.Parse(Created("2101")).RootElement;
        var body = System.Text.Json.Nodes.JsonNode.Parse(created.GetRawText())!;
        body["data"]!["billingAddress"]!["name"] = "Fonyódi Bögre Kft.";
        body["data"]!["billingAddress"]!["taxNumber"] = "12345678-2-14";
        await post.StandardAsync(body.ToJsonString());

        await post.StandardAsync(SignedPoster.Status("2101", "paid"));

        await UntilAsync(async () => await InvoiceStatusAsync(shop, "live-b2b", "2101") == "issued", "the invoice is issued");
        var invoice = Assert.Single(_provider.Invoices).Invoice;
        Assert.Equal(("Fonyódi Bögre Kft.", "12345678-2-14"), (invoice.GetProperty("customer_name").GetString(), invoice.GetProperty("customer_vatnr").GetString()));
        Assert.Equal("Kovács János", invoice.GetProperty("customer_contact_name").GetString());
    }

    [Fact]
    public async Task Provider_failures_and_a_timeout_that_hid_a_success_end_in_one_invoice_issued_with_its_number_unknown()
    {
        var (_, shop, post) = await ShopAsync(_scope.Cluster.Primary, "live", Shop());
        await post.StandardAsync(Created("2002"));
        _provider.Next(Behaviour.FailWith500, Behaviour.MakeThenHang);

        await post.StandardAsync(SignedPoster.Status("2002", "paid"));

        await UntilAsync(async () => await InvoiceStatusAsync(shop, "live", "2002") == "issued", "the invoice is issued");
        await _scope.Database.UntilEffectsSettledAsync();
        Assert.Equal(3, _provider.Received.Count); // 500, the hidden success, the duplicate answer
        var made = Assert.Single(_provider.Invoices);
        Assert.Equal("B", made.Invoice.GetProperty("payment_method").GetString());
        var view = await InvoiceAsync(shop, "live", "2002");
        Assert.Equal(JsonValueKind.Null, view.GetProperty("number").ValueKind);
        Assert.Contains("foreign_id", view.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_killed_while_its_invoice_call_is_in_flight_leaves_one_invoice()
    {
        var (_, _, post) = await ShopAsync(_scope.Cluster.Primary, "live", Shop());
        await post.StandardAsync(Created("2003"));
        _provider.Next(Behaviour.MakeThenHang);

        await post.StandardAsync(SignedPoster.Status("2003", "paid"));
        await UntilAsync(() => Task.FromResult(_provider.Invoices.Count == 1), "the provider made the invoice and keeps the silo waiting");
        await _scope.Cluster.KillSiloAsync(_scope.Cluster.Primary);
        var restarted = await _scope.Cluster.StartSiloAsync();
        using var shop = restarted.CreateClient();

        await UntilAsync(async () => await InvoiceStatusAsync(shop, "live", "2003") == "issued", "another silo finishes the delivery");
        await _scope.Database.UntilEffectsSettledAsync();
        Assert.Single(_provider.Invoices);
        Assert.True(_provider.Received.Count >= 2);
    }

    [Fact]
    public async Task A_credit_note_goes_as_a_storno_with_its_own_foreign_id_and_every_row_reversed()
    {
        var (_, shop, post) = await ShopAsync(_scope.Cluster.Primary, "live", Shop());
        await post.StandardAsync(Created("2004", paymentMethod: "cod"));
        await post.StandardAsync(SignedPoster.Status("2004", "paid"));
        await UntilAsync(async () => await InvoiceStatusAsync(shop, "live", "2004") == "issued", "the invoice is issued");

        await post.StandardAsync(SignedPoster.Status("2004", "not_collected"));

        await UntilAsync(async () => await InvoiceStatusAsync(shop, "live", "2004") == "credited", "the credit note is issued");
        var storno = _provider.Invoices[1];
        Assert.Equal(("S", "orleansshop/live/2004/storno"), (storno.Kind, storno.ForeignId));
        Assert.Equal([-2m, -1m], storno.Invoice.GetProperty("invoice_rows_attributes").EnumerateArray().Select(r => r.GetProperty("quantity").GetDecimal()));
        Assert.Equal($"#R-2004 · {_provider.Invoices[0].Number}", storno.Invoice.GetProperty("footer").GetString());
        Assert.False(storno.Invoice.TryGetProperty("customer_email", out _));
        Assert.Equal(storno.Number, (await InvoiceAsync(shop, "live", "2004")).GetProperty("creditNote").GetProperty("number").GetString());
    }

    [Fact]
    public async Task An_invoice_the_provider_refuses_is_dead_lettered_and_shown_failed_with_the_reason()
    {
        var (admin, shop, post) = await ShopAsync(_scope.Cluster.Primary, "live", Shop(apiKey: "revoked-key"));
        await post.StandardAsync(Created("2005"));

        await post.StandardAsync(SignedPoster.Status("2005", "paid"));

        await UntilAsync(async () => await InvoiceStatusAsync(shop, "live", "2005") == "failed", "the invoice fails");
        Assert.Contains("refused the API key", (await InvoiceAsync(shop, "live", "2005")).GetProperty("reason").GetString(), StringComparison.Ordinal);
        var dead = JsonDocument.Parse(await admin.GetStringAsync("/v1/admin/deliveries?state=dead")).RootElement.ToString();
        Assert.Contains("invoicing", dead, StringComparison.Ordinal);
        Assert.Empty(_provider.Invoices);
    }

    [Fact]
    public async Task The_sandbox_invoices_route_is_off_in_live_mode()
    {
        using var admin = _scope.Cluster.Primary.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/sandbox/invoices")).StatusCode);
    }
}
