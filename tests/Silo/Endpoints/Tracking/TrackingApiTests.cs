using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansShop.Tests.Grains.Domain.Shipping;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Endpoints.Tracking;

/// <summary>
/// The buyer's tracking page, <c>/t/{token}</c>: the order's reference, status, steps and carrier in
/// the shop's language, and nothing personal; linked from the buyer's texts; gone for tokens that
/// are no order's and for orders ended longer ago than the retention.
/// </summary>
public sealed class TrackingApiTests
{
    private static System.Text.Json.Nodes.JsonObject Settings(string language, bool smsConfirmation = false)
    {
        var settings = JsonSerializer.SerializeToNode(CargoShop.Settings(smsConfirmation: smsConfirmation))!.AsObject();
        settings["language"] = language;
        settings["sms"] = JsonSerializer.SerializeToNode(new { enabled = smsConfirmation, template = "Sn. (arg0), (arg1) siparisinizi onaylamak icin ONAY (arg1) yazin. Takip: (track)" });
        return settings;
    }

    private static async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> PageAsync(HttpClient client, string token)
    {
        var response = await client.GetAsync($"/t/{token}");
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task The_page_shows_the_status_steps_and_carrier_in_the_shops_language_and_nothing_personal()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var shop = await CargoShop.CreateAsync(scope.Cluster.Primary, "izleme", Settings("tr"));
        await shop.Webhooks.StandardAsync(CargoShop.Created("6001", total: "12990.00"));
        await shop.WaitForAsync("6001", o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the parcel is handed over");
        await shop.Webhooks.StandardAsync(SignedPoster.Status("6001", "shipped"));
        var order = await shop.OrderAsync("6001");
        var token = order.GetProperty("trackingToken").GetString()!;
        using var anonymous = scope.Cluster.Primary.CreateClient(bearer: null);

        var (status, html, response) = await PageAsync(anonymous, token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("<html lang=\"tr\">", html, StringComparison.Ordinal);
        Assert.Contains("6001 numaralı sipariş", html, StringComparison.Ordinal);
        Assert.Contains("Kargoya verildi", html, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"step\"", html, StringComparison.Ordinal);
        Assert.Contains("Yurtiçi Kargo", html, StringComparison.Ordinal);
        if (order.GetProperty("shipment").GetProperty("trackingCode").GetString() is { } trackingCode)
        {
            Assert.Contains(trackingCode, html, StringComparison.Ordinal);
        }

        foreach (var personal in new[] { "buyer-6001@example.com", "5321234567", "123 45 67", "Bağdat", "İstanbul", "Ayşe", "12990", "12,990" })
        {
            Assert.DoesNotContain(personal, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_buyers_text_links_the_page_and_a_token_that_is_no_orders_finds_nothing()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var shop = await CargoShop.CreateAsync(scope.Cluster.Primary, "linked", Settings("en", smsConfirmation: true));
        await shop.Webhooks.StandardAsync(CargoShop.Created("6002"));
        await Eventually.TrueAsync(async () => (await shop.SmsAsync()).Any(m => m.GetProperty("purpose").GetString() == "confirmation"), "the buyer is texted");
        var token = (await shop.OrderAsync("6002")).GetProperty("trackingToken").GetString()!;
        using var anonymous = scope.Cluster.Primary.CreateClient(bearer: null);

        var text = (await shop.SmsAsync()).Single(m => m.GetProperty("purpose").GetString() == "confirmation").GetProperty("text").GetString();

        Assert.Equal($"Sn. Ayşe Yılmaz, 6002 siparisinizi onaylamak icin ONAY 6002 yazin. Takip: http://127.0.0.1:5080/t/{token}", text);
        Assert.Equal(22, token.Length);
        var (unknown, html, _) = await PageAsync(anonymous, "AAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains("This tracking link is not valid", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await PageAsync(anonymous, "<script>")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PageAsync(anonymous, token[..^1] + (token[^1] == 'A' ? 'B' : 'A'))).Status);
    }

    [Fact]
    public async Task The_page_of_an_ended_order_answers_for_the_retention_and_not_after()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scope = await ClusterScope.StartAsync(silos: 1, timeProvider: clock);
        var shop = await CargoShop.CreateAsync(scope.Cluster.Primary, "ended", Settings("hu"));
        await shop.Webhooks.StandardAsync(CargoShop.Created("6003", paymentMethod: "card"));
        await shop.Webhooks.StandardAsync(SignedPoster.Status("6003", "cancelled"));
        var token = (await shop.OrderAsync("6003")).GetProperty("trackingToken").GetString()!;
        using var anonymous = scope.Cluster.Primary.CreateClient(bearer: null);

        clock.Advance(TimeSpan.FromDays(29));
        var (within, html, _) = await PageAsync(anonymous, token);
        clock.Advance(TimeSpan.FromDays(2));
        var (after, _, _) = await PageAsync(anonymous, token);

        Assert.Equal(HttpStatusCode.OK, within);
        Assert.Contains("A rendelést törölték.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, after);
    }
}
