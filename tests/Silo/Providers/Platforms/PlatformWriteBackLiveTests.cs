using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Providers.Platforms;

/// <summary>
/// The buyer's SMS confirmation written back to a WooCommerce shop (a loopback fake) by the live
/// platform writer, across a silo killed while its call was in flight: the order ends with one note
/// and one status change.
/// </summary>
public sealed class PlatformWriteBackLiveTests : IAsyncLifetime
{
    private const string Secret = "hush";

    private FakeWooCommerce _woo = null!;
    private ClusterScope _scope = null!;

    public async Task InitializeAsync()
    {
        _woo = await FakeWooCommerce.StartAsync();
        _scope = await ClusterScope.StartAsync(
            silos: 1,
            settings: new Dictionary<string, string?>
            {
                ["Providers:Mode"] = "live",

                // Under the dispatcher's 2-second delivery timeout, so a hanging call ends as the client's own timeout.
                ["Platforms:Timeout"] = "00:00:01.500",
            });
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _woo.DisposeAsync();
    }

    [Fact]
    public async Task A_confirmation_by_sms_reaches_woocommerce_once_across_a_silo_killed_mid_call()
    {
        _woo.AddOrder(9501, status: "pending");
        var post = await ShopAsync("woo-live");
        await CreatedAsync(post, 9501);
        _woo.HangAfterNextNote();

        // The shop has no SMS gateway account, so its request failed; the order still waits for the reply, which Netgsm pushes.
        using (var sms = _scope.Cluster.Primary.CreateClient("test-sms-token"))
        {
            var attempt = 0;
            await Eventually.TrueAsync(
                async () => (await (await sms.PostAsJsonAsync("/v1/sms/inbound", new { from = "05321112233", text = "ONAY 9501", messageId = $"reply-9501-{++attempt}" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matched").GetBoolean(),
                "the reply matches the order once it awaits it");
        }

        await Eventually.TrueAsync(() => Task.FromResult(_woo.Order(9501).Notes.Any(n => n.Note.Contains("[cod-confirmed]", StringComparison.Ordinal))), "WooCommerce took the note and keeps the silo waiting");
        await _scope.Cluster.KillSiloAsync(_scope.Cluster.Primary);
        var restarted = await _scope.Cluster.StartSiloAsync();

        await _scope.Database.UntilEffectsSettledAsync();
        var order = _woo.Order(9501);
        Assert.Equal("processing", order.Status);
        var note = Assert.Single(order.Notes, n => n.Note.Contains("[cod-confirmed]", StringComparison.Ordinal));
        Assert.StartsWith("OrleansShop: The buyer confirmed the order by SMS. [cod-confirmed]", note.Note, StringComparison.Ordinal);
        Assert.False(note.CustomerNote);
        Assert.Single(order.Notes, n => n.Note.StartsWith("Order status changed", StringComparison.Ordinal)); // one status change, WooCommerce's own note of it
        Assert.True(_woo.Received.Count(r => r.Method == "GET" && r.Path.EndsWith("/orders/9501", StringComparison.Ordinal)) >= 2, "another silo read the order again before writing");
        using var shop = restarted.CreateClient();
        Assert.Equal("Confirmed", (await shop.GetFromJsonAsync<JsonElement>("/v1/shops/woo-live/orders/9501")).GetProperty("status").GetString());
    }

    private async Task<SignedPoster> ShopAsync(string shopId)
    {
        var body = JsonSerializer.SerializeToNode(ShopsApiTests.Shop())!.AsObject();
        body["webhooks"] = JsonSerializer.SerializeToNode(new { profile = "woocommerce", secret = Secret });
        body["sms"] = JsonSerializer.SerializeToNode(new { enabled = true });
        body["invoicing"] = JsonSerializer.SerializeToNode(new { enabled = false });
        body["writeBack"] = JsonSerializer.SerializeToNode(new { enabled = true });
        body["platformApi"] = JsonSerializer.SerializeToNode(new { storeUrl = _woo.BaseAddress.AbsoluteUri.TrimEnd('/'), consumerKey = FakeWooCommerce.ConsumerKey, consumerSecret = FakeWooCommerce.ConsumerSecret });
        using var admin = _scope.Cluster.Primary.CreateClient();
        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", body);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return new SignedPoster(_scope.Cluster.Primary.CreateClient(bearer: null), shopId, Secret);
    }

    private static async Task CreatedAsync(SignedPoster post, long id)
    {
        var order = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Silo", "Webhooks", "Payloads", "woocommerce-cod-order-created.json")))!.AsObject();
        order["id"] = id;
        order["number"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var response = await post.BodySignedAsync(order.ToJsonString(), "X-WC-Webhook-Signature", new Dictionary<string, string> { ["X-WC-Webhook-Topic"] = "order.created" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
