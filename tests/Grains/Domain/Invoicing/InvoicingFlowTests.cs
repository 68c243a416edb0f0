using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Grains.Invoicing;
using OrleansShop.Grains.Orders;
using OrleansShop.Tests.Grains.Domain.Orders;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using static OrleansShop.Tests.Grains.Domain.Invoicing.InvoicingTesting;

namespace OrleansShop.Tests.Grains.Domain.Invoicing;

/// <summary>Invoices and credit notes end to end with the sandbox invoicer: once each, whatever arrives twice or out of order.</summary>
public sealed class InvoicingFlowTests : IAsyncLifetime
{
    private ClusterScope _scope = null!;

    public async Task InitializeAsync() => _scope = await ClusterScope.StartAsync(silos: 1);

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    [Fact]
    public async Task A_paid_order_is_invoiced_once_with_its_lines_and_shipping_and_the_order_view_shows_the_number_and_url()
    {
        var (admin, shop, post) = await ShopAsync(_scope.Cluster.Primary, "demo", Shop());
        await post.StandardAsync(Created("1001"));

        await post.StandardAsync(SignedPoster.Status("1001", "paid"), messageId: "msg_paid");
        await post.StandardAsync(SignedPoster.Status("1001", "paid"), messageId: "msg_paid"); // redelivered
        await post.StandardAsync(SignedPoster.Status("1001", "Fizetve")); // the same fact, another delivery

        await UntilAsync(async () => await InvoiceStatusAsync(shop, "demo", "1001") == "issued", "the invoice is issued");
        await _scope.Database.UntilEffectsSettledAsync();
        var issued = Assert.Single(await SandboxAsync(admin, "demo"));
        Assert.Matches(@"^SBX-\d{4}-000001$", issued.GetProperty("number").GetString());
        Assert.Equal(("invoice", "12000.00", "transfer", true), (issued.GetProperty("kind").GetString(), issued.GetProperty("total").GetString(), issued.GetProperty("paymentMethod").GetString(), issued.GetProperty("emailed").GetBoolean()));
        Assert.Equal(["Bögre", "Szállítási díj"], issued.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Equal(2000m, issued.GetProperty("lines")[1].GetProperty("grossUnitPrice").GetDecimal());

        var invoice = await InvoiceAsync(shop, "demo", "1001");
        Assert.Equal(issued.GetProperty("number").GetString(), invoice.GetProperty("number").GetString());
        var document = await admin.GetAsync(invoice.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal(issued.GetProperty("id").GetString(), (await document.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_order_that_jumps_past_the_paid_trigger_straight_to_closed_is_invoiced_once()
    {
        var (admin, shop, post) = await ShopAsync(_scope.Cluster.Primary, "demo", Shop(issueOn: "paid"));
        await post.StandardAsync(Created("1002"));

        await post.StandardAsync(SignedPoster.Status("1002", "closed_paid"));
        await post.StandardAsync(SignedPoster.Status("1002", "Megrendelés lezárva, fizetve"));

        await UntilAsync(async () => await InvoiceStatusAsync(shop, "demo", "1002") == "issued", "the invoice is issued");
        await _scope.Database.UntilEffectsSettledAsync();
        Assert.Single(await SandboxAsync(admin, "demo"));
    }

    [Fact]
    public async Task With_issueOn_closed_a_paid_order_is_not_invoiced_until_it_closes()
    {
        var (admin, shop, post) = await ShopAsync(_scope.Cluster.Primary, "demo", Shop(issueOn: "closed"));
        await post.StandardAsync(Created("1003"));

        await post.StandardAsync(SignedPoster.Status("1003", "paid"));
        Assert.Equal("none", await InvoiceStatusAsync(shop, "demo", "1003")); // decided in the transition's own turn

        await post.StandardAsync(SignedPoster.Status("1003", "closed"));
        await UntilAsync(async () => await InvoiceStatusAsync(shop, "demo", "1003") == "issued", "the invoice is issued on closing");
        Assert.Single(await SandboxAsync(admin, "demo"));
    }

    [Fact]
    public async Task A_zero_total_order_is_not_invoiced_and_the_order_view_says_why()
    {
        var (admin, shop, post) = await ShopAsync(_scope.Cluster.Primary, "demo", Shop());
        await post.StandardAsync(Created("1004", total: "0.00"));

        await post.StandardAsync(SignedPoster.Status("1004", "paid"));
        await post.StandardAsync(SignedPoster.Status("1004", "closed"));

        var invoice = await InvoiceAsync(shop, "demo", "1004");
        Assert.Equal("none", invoice.GetProperty("status").GetString());
        Assert.Contains("total is zero", invoice.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await _scope.Database.UntilEffectsSettledAsync();
        Assert.Empty(await SandboxAsync(admin, "demo"));
    }

    [Fact]
    public async Task A_shop_that_does_not_invoice_gets_no_invoice()
    {
        var (admin, shop, post) = await ShopAsync(_scope.Cluster.Primary, "demo", Shop(enabled: false));
        await post.StandardAsync(Created("1005"));

        await post.StandardAsync(SignedPoster.Status("1005", "paid"));

        Assert.Equal("none", await InvoiceStatusAsync(shop, "demo", "1005"));
        await _scope.Database.UntilEffectsSettledAsync();
        Assert.Empty(await SandboxAsync(admin, "demo"));
    }

    [Fact]
    public async Task An_order_not_collected_after_its_invoice_gets_one_credit_note_reversing_every_row()
    {
        var (admin, shop, post) = await ShopAsync(_scope.Cluster.Primary, "demo", Shop());
        await post.StandardAsync(Created("1006", paymentMethod: "cod"));
        await post.StandardAsync(SignedPoster.Status("1006", "paid"));
        await UntilAsync(async () => await InvoiceStatusAsync(shop, "demo", "1006") == "issued", "the invoice is issued");

        await post.StandardAsync(SignedPoster.Status("1006", "not_collected"), messageId: "msg_nc");
        await post.StandardAsync(SignedPoster.Status("1006", "not_collected"), messageId: "msg_nc");
        await post.StandardAsync(SignedPoster.Status("1006", "Vevő nem vette át"));
        await UntilAsync(async () => await InvoiceStatusAsync(shop, "demo", "1006") == "credited", "the credit note is issued");

        // A correction back and forth asks for nothing more: one invoice, one credit note per order.
        await post.StandardAsync(SignedPoster.Status("1006", "closed"));
        await post.StandardAsync(SignedPoster.Status("1006", "not_collected"));
        await _scope.Database.UntilEffectsSettledAsync();

        var documents = await SandboxAsync(admin, "demo");
        Assert.Equal(["invoice", "creditNote"], documents.Select(d => d.GetProperty("kind").GetString()));
        var (invoice, creditNote) = (documents[0], documents[1]);
        Assert.Equal(("cash", "-12000.00"), (creditNote.GetProperty("paymentMethod").GetString(), creditNote.GetProperty("total").GetString()));
        Assert.Equal(invoice.GetProperty("number").GetString(), creditNote.GetProperty("credits").GetString());
        Assert.False(creditNote.GetProperty("emailed").GetBoolean());

        var view = await InvoiceAsync(shop, "demo", "1006");
        Assert.Equal(invoice.GetProperty("number").GetString(), view.GetProperty("number").GetString());
        Assert.Equal(("issued", creditNote.GetProperty("number").GetString()), (view.GetProperty("creditNote").GetProperty("status").GetString(), view.GetProperty("creditNote").GetProperty("number").GetString()));
    }

    [Fact]
    public async Task Requests_redelivered_and_reordered_make_one_invoice_and_then_one_credit_note()
    {
        var grain = _scope.Cluster.Primary.Grains.GetGrain<IInvoiceGrain>("direct/77");
        var request = new InvoiceRequest("77", "Kovács János", null, null, Cod: true, new Amount("990.00", "HUF"), [], "27", DateTimeOffset.UtcNow);
        using var admin = _scope.Cluster.Primary.CreateClient();

        await grain.CreditAsync(request); // the not-collected request overtook the invoice request
        await grain.CreditAsync(request);
        await grain.IssueAsync(request);
        await grain.IssueAsync(request);

        await UntilAsync(async () => (await SandboxAsync(admin, "direct")).Count == 2, "the invoice and its credit note are issued");
        await _scope.Database.UntilEffectsSettledAsync();
        var documents = await SandboxAsync(admin, "direct");
        Assert.Equal(["invoice", "creditNote"], documents.Select(d => d.GetProperty("kind").GetString()));
        Assert.Equal(documents[0].GetProperty("number").GetString(), documents[1].GetProperty("credits").GetString());
        Assert.Equal(["orleansshop/direct/77", "orleansshop/direct/77/storno"], documents.Select(d => d.GetProperty("foreignId").GetString()));
    }

    [Fact]
    public async Task An_older_invoice_report_arriving_after_a_newer_one_changes_nothing()
    {
        var order = _scope.Cluster.Primary.Grains.GetGrain<IOrderGrain>("demo/1008");
        await order.ApplyAsync(OrderEvents.Created(cod: false, sms: false));

        await order.InvoiceChangedAsync(new InvoiceSideEffect("credited", "N-1", "u-1", null, new CreditNoteSideEffect("issued", "N-2"), Revision: 3));
        await order.InvoiceChangedAsync(new InvoiceSideEffect("issued", "N-1", "u-1", null, null, Revision: 2));

        var view = (await order.GetAsync())!.Invoice;
        Assert.Equal(("credited", "N-2"), (view.Status, view.CreditNote?.Number));
    }

    [Fact]
    public async Task The_order_drops_the_buyers_sealed_address_once_its_invoice_is_asked_for_and_the_invoicer_could_open_it()
    {
        var (admin, shop, post) = await ShopAsync(_scope.Cluster.Primary, "demo", Shop());
        await post.StandardAsync(Created("1009"));
        Assert.False(string.IsNullOrEmpty(await SealedEmailAsync("demo/1009")));

        await post.StandardAsync(SignedPoster.Status("1009", "paid"));

        Assert.Null(await SealedEmailAsync("demo/1009"));
        await UntilAsync(async () => await InvoiceStatusAsync(shop, "demo", "1009") == "issued", "the invoice is issued");
        Assert.True(Assert.Single(await SandboxAsync(admin, "demo")).GetProperty("emailed").GetBoolean());
        Assert.DoesNotContain("kovacs.janos", await _scope.Database.ScalarAsync<string>("SELECT string_agg(payload, '') FROM " + TestDatabase.GrainStates) ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_sandbox_invoices_route_needs_the_admin_token()
    {
        using var anonymous = _scope.Cluster.Primary.CreateClient(bearer: null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/sandbox/invoices")).StatusCode);
        using var admin = _scope.Cluster.Primary.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/sandbox/invoices/sbx-404")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_sandbox_invoices_routes()
    {
        using var admin = _scope.Cluster.Primary.CreateClient();

        var document = await admin.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/v1/sandbox/invoices\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/v1/sandbox/invoices/{id}\"", document, StringComparison.Ordinal);
    }

    private async Task<string?> SealedEmailAsync(string orderKey)
    {
        var payload = await _scope.Database.ScalarAsync<string>($"SELECT payload FROM {TestDatabase.GrainStates} WHERE grain_type = 'order' AND grain_key = '{orderKey}'");
        var details = JsonDocument.Parse(payload!).RootElement.GetProperty("state").GetProperty("details");
        return details.TryGetProperty("sealedEmail", out var sealedEmail) ? sealedEmail.GetString() : null;
    }
}
