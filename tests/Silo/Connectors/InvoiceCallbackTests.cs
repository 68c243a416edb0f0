using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using static OrleansShop.Tests.Grains.Domain.Invoicing.InvoicingTesting;

namespace OrleansShop.Tests.Silo.Connectors;

/// <summary>The shop hears of its invoices at its callback URL: signed as Standard Webhooks, retried, delivered once.</summary>
public sealed class InvoiceCallbackTests : IAsyncLifetime
{
    private FakeShopCallbacks _shopSite = null!;
    private ClusterScope _scope = null!;

    public async Task InitializeAsync()
    {
        _shopSite = await FakeShopCallbacks.StartAsync();
        _scope = await ClusterScope.StartAsync(silos: 1);
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _shopSite.DisposeAsync();
    }

    /// <summary>The receiver's side of Standard Webhooks, written here rather than borrowed from the silo.</summary>
    private static bool SignatureHolds(ReceivedCallback callback)
    {
        var key = Convert.FromBase64String(CallbackSecret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{callback.Id}.{callback.Timestamp}.").Concat(callback.Body).ToArray();
        return callback.Signature == $"v1,{Convert.ToBase64String(HMACSHA256.HashData(key, signed))}"
            && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(callback.Timestamp, System.Globalization.CultureInfo.InvariantCulture)) < 300;
    }

    [Fact]
    public async Task The_shop_is_called_back_signed_once_per_invoice_event_and_a_failed_callback_is_retried_under_the_same_id()
    {
        var (_, shop, post) = await ShopAsync(_scope.Cluster.Primary, "demo", Shop(callbackUrl: _shopSite.Url.AbsoluteUri));
        await post.StandardAsync(Created("3001", paymentMethod: "cod"));
        _shopSite.AnswerNextWith(503, "busy");

        await post.StandardAsync(SignedPoster.Status("3001", "paid"));

        await UntilAsync(() => Task.FromResult(_shopSite.Callbacks.Count == 2), "the callback is retried after the shop's 503");
        var (refused, taken) = (_shopSite.Callbacks[0], _shopSite.Callbacks[1]);
        Assert.Equal(refused.Id, taken.Id);
        Assert.All(_shopSite.Callbacks, c => Assert.True(SignatureHolds(c), "the signature verifies with the shop's callback secret"));
        var body = JsonDocument.Parse(taken.Body).RootElement;
        Assert.Equal("invoice.issued", body.GetProperty("type").GetString());
        var data = body.GetProperty("data");
        Assert.Equal(("demo", "3001", "R-3001"), (data.GetProperty("shopId").GetString(), data.GetProperty("orderId").GetString(), data.GetProperty("reference").GetString()));
        var invoice = await InvoiceAsync(shop, "demo", "3001");
        Assert.Equal(invoice.GetProperty("number").GetString(), data.GetProperty("invoice").GetProperty("number").GetString());
        Assert.Equal(invoice.GetProperty("url").GetString(), data.GetProperty("invoice").GetProperty("url").GetString());

        await post.StandardAsync(SignedPoster.Status("3001", "not_collected"));

        await UntilAsync(() => Task.FromResult(_shopSite.Callbacks.Count == 3), "the credit note is called back");
        await _scope.Database.UntilEffectsSettledAsync();
        Assert.Equal(3, _shopSite.Callbacks.Count);
        var credited = JsonDocument.Parse(_shopSite.Callbacks[2].Body).RootElement;
        Assert.Equal(("invoice.credited", "credited"), (credited.GetProperty("type").GetString(), credited.GetProperty("data").GetProperty("invoice").GetProperty("status").GetString()));
        Assert.NotEqual(taken.Id, _shopSite.Callbacks[2].Id);
        Assert.True(SignatureHolds(_shopSite.Callbacks[2]));
        Assert.DoesNotContain("kovacs.janos", Encoding.UTF8.GetString(_shopSite.Callbacks[2].Body), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_endpoint_of_the_invoice_types_hears_what_the_callback_hears_the_credit_note_under_its_event_name()
    {
        var (_, shop, post) = await ShopAsync(_scope.Cluster.Primary, "demo", Shop(callbackUrl: _shopSite.Url.AbsoluteUri));
        await using var endpoints = await FakeEventEndpoints.StartAsync();
        var subscribed = await shop.PostAsJsonAsync("/v1/shops/demo/event-endpoints", new { url = endpoints.Url("erp"), events = InvoiceEvents });
        var secret = (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        await post.StandardAsync(Created("3004", paymentMethod: "cod"));

        await post.StandardAsync(SignedPoster.Status("3004", "paid"));
        await post.StandardAsync(SignedPoster.Status("3004", "not_collected"));

        await UntilAsync(() => Task.FromResult(_shopSite.Callbacks.Count == 2 && endpoints.At("erp").Count == 2), "both hear of the invoice and its credit note");
        // Two facts, two effects each: delivered independently, so in either order.
        Assert.Equal(["invoice.credited", "invoice.issued"], _shopSite.Callbacks.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("type").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(["invoice.credit_note_issued", "invoice.issued"], endpoints.At("erp").Select(e => e.Type).Order(StringComparer.Ordinal));
        Assert.All(_shopSite.Callbacks, c => Assert.True(SignatureHolds(c)));
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        Assert.All(endpoints.At("erp"), e => Assert.Equal(
            $"v1,{Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{e.Id}.{e.Timestamp}.").Concat(e.Body).ToArray()))}", e.Signature));
        var issuedCallback = _shopSite.Callbacks.Single(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("type").GetString() == "invoice.issued");
        var issuedEvent = endpoints.At("erp").Single(e => e.Type == "invoice.issued");
        Assert.Equal(JsonDocument.Parse(issuedCallback.Body).RootElement.GetProperty("data").GetRawText(), issuedEvent.Json.GetProperty("data").GetRawText());
        Assert.NotEqual(issuedCallback.Id, issuedEvent.Id);
        await _scope.Database.UntilEffectsSettledAsync();
        Assert.Equal(2, _shopSite.Callbacks.Count);
    }

    private static readonly string[] InvoiceEvents = ["invoice.issued", "invoice.credit_note_issued"];

    [Fact]
    public async Task A_shop_without_a_callback_url_is_not_called()
    {
        var (_, shop, post) = await ShopAsync(_scope.Cluster.Primary, "demo", Shop());
        await post.StandardAsync(Created("3002"));

        await post.StandardAsync(SignedPoster.Status("3002", "paid"));

        await UntilAsync(async () => await InvoiceStatusAsync(shop, "demo", "3002") == "issued", "the invoice is issued");
        await _scope.Database.UntilEffectsSettledAsync();
        Assert.Empty(_shopSite.Callbacks);
    }

    [Fact]
    public async Task A_callback_the_shop_refuses_with_a_4xx_is_dead_lettered_not_retried()
    {
        var (admin, shop, post) = await ShopAsync(_scope.Cluster.Primary, "demo", Shop(callbackUrl: _shopSite.Url.AbsoluteUri));
        _shopSite.AnswerWith(410, "gone");
        await post.StandardAsync(Created("3003"));

        await post.StandardAsync(SignedPoster.Status("3003", "paid"));

        await UntilAsync(async () => (await admin.GetStringAsync("/v1/admin/deliveries?state=dead")).Contains("shop-callback", StringComparison.Ordinal), "the callback is a dead letter");
        Assert.Single(_shopSite.Callbacks);
        Assert.Equal("issued", await InvoiceStatusAsync(shop, "demo", "3003"));
    }

    [Theory]
    [InlineData("https://shop.example/cb", null, "invoicing.callbackSecret")]
    [InlineData("https://shop.example/cb", "not-a-whsec-secret", "invoicing.callbackSecret")]
    [InlineData("ftp://shop.example/cb", CallbackSecret, "invoicing.callbackUrl")]
    [InlineData("/relative", CallbackSecret, "invoicing.callbackUrl")]
    public async Task A_bad_callback_setting_is_a_400_naming_the_field(string url, string? secret, string field)
    {
        using var admin = _scope.Cluster.Primary.CreateClient();
        var shop = new
        {
            name = "Shop",
            webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
            invoicing = new { enabled = true, issueOn = "paid", callbackUrl = url, callbackSecret = secret },
        };

        var response = await admin.PutAsJsonAsync("/v1/shops/bad", shop);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}");
    }

    [Fact]
    public async Task The_callback_secret_is_write_only()
    {
        using var admin = _scope.Cluster.Primary.CreateClient();
        await admin.PutAsJsonAsync("/v1/shops/demo", Shop(callbackUrl: "https://shop.example/cb"));

        var shown = await admin.GetStringAsync("/v1/shops/demo");

        Assert.Contains("https://shop.example/cb", shown, StringComparison.Ordinal);
        Assert.Contains("invoicingCallback", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(CallbackSecret["whsec_".Length..], shown, StringComparison.Ordinal);
    }
}
