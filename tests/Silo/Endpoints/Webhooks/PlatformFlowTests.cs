using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Endpoints.Webhooks;

/// <summary>Realistic platform payloads, signed as each platform signs them, end to end into order states.</summary>
public sealed class PlatformFlowTests : IAsyncLifetime
{
    private ClusterScope _scope = null!;
    private HttpClient _admin = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _scope = await ClusterScope.StartAsync(silos: 1);
        _admin = _scope.Cluster.Primary.CreateClient();
        _anonymous = _scope.Cluster.Primary.CreateClient(bearer: null);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _anonymous.Dispose();
        await _scope.DisposeAsync();
    }

    private static string Payload(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Silo", "Webhooks", "Payloads", name));

    private async Task<SignedPoster> ShopAsync(string shopId, string profile)
    {
        var response = await _admin.PutAsJsonAsync($"/v1/shops/{shopId}", new { name = shopId, webhooks = new { profile, secret = "hush" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return new SignedPoster(_anonymous, shopId, "hush");
    }

    private async Task<string?> StatusAsync(string shopId, string orderId) =>
        (await _admin.GetFromJsonAsync<JsonElement>($"/v1/shops/{shopId}/orders/{orderId}")).GetProperty("status").GetString();

    private static async Task<JsonElement> Answer(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> Shopify(SignedPoster post, string topic, string file) =>
        post.BodySignedAsync(Payload(file), "X-Shopify-Hmac-Sha256", new Dictionary<string, string> { ["X-Shopify-Topic"] = topic, ["X-Shopify-Event-Id"] = $"evt-{file}" });

    private static Task<HttpResponseMessage> WooCommerce(SignedPoster post, string topic, string file) =>
        post.BodySignedAsync(Payload(file), "X-WC-Webhook-Signature", new Dictionary<string, string> { ["X-WC-Webhook-Topic"] = topic });

    private static Task<HttpResponseMessage> Ideasoft(SignedPoster post, string topic, string file) =>
        post.BodySignedAsync(Payload(file), "X-Ideashop-Hmac-Sha256", new Dictionary<string, string> { ["X-Ideashop-Topic"] = topic });

    [Fact]
    public async Task A_shopify_cod_order_is_confirmed_then_shipped_then_paid_and_a_prepaid_one_waits_for_payment()
    {
        var post = await ShopAsync("shopify-shop", "shopify");

        var created = await Answer(await Shopify(post, "orders/create", "shopify-cod-order-created.json"));
        Assert.Equal(("applied", "Confirmed"), (created.GetProperty("outcome").GetString(), created.GetProperty("status").GetString()));
        var orderId = created.GetProperty("orderId").GetString()!;
        Assert.Equal("Shipped", (await Answer(await Shopify(post, "orders/fulfilled", "shopify-cod-order-fulfilled.json"))).GetProperty("status").GetString());
        Assert.Equal("Paid", (await Answer(await Shopify(post, "orders/paid", "shopify-cod-order-paid.json"))).GetProperty("status").GetString());
        Assert.Equal("Paid", await StatusAsync("shopify-shop", orderId));

        var prepaid = await Answer(await Shopify(post, "orders/create", "shopify-prepaid-order-created.json"));
        Assert.Equal("Received", prepaid.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_woocommerce_prepaid_order_is_paid_on_processing_and_closed_on_completion_and_a_cod_one_closes_paid()
    {
        var post = await ShopAsync("woo-shop", "woocommerce");

        var created = await Answer(await WooCommerce(post, "order.created", "woocommerce-prepaid-order-created.json"));
        Assert.Equal("Received", created.GetProperty("status").GetString());
        var orderId = created.GetProperty("orderId").GetString()!;
        Assert.Equal("Paid", (await Answer(await WooCommerce(post, "order.updated", "woocommerce-prepaid-order-processing.json"))).GetProperty("status").GetString());
        Assert.Equal("Closed", (await Answer(await WooCommerce(post, "order.updated", "woocommerce-prepaid-order-completed.json"))).GetProperty("status").GetString());
        Assert.Equal("Closed", await StatusAsync("woo-shop", orderId));

        var cod = await Answer(await WooCommerce(post, "order.created", "woocommerce-cod-order-created.json"));
        Assert.Equal("Confirmed", cod.GetProperty("status").GetString());
        Assert.Equal("Closed", (await Answer(await WooCommerce(post, "order.updated", "woocommerce-cod-order-completed.json"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_ideasoft_cod_order_is_confirmed_and_its_partial_update_ships_it()
    {
        var post = await ShopAsync("idea-shop", "ideasoft");

        var created = await Answer(await Ideasoft(post, "order/create", "ideasoft-order-created.json"));
        Assert.Equal("Confirmed", created.GetProperty("status").GetString());
        var shipped = await Answer(await Ideasoft(post, "order/update", "ideasoft-order-status-update.json"));
        Assert.Equal("Shipped", shipped.GetProperty("status").GetString());
        var again = await Answer(await Ideasoft(post, "order/update", "ideasoft-order-status-update.json"));
        Assert.True(again.GetProperty("duplicate").GetBoolean());
    }

    [Fact]
    public async Task The_woocommerce_creation_ping_is_answered_200_unsigned_and_stores_nothing()
    {
        await ShopAsync("ping-shop", "woocommerce");

        var ping = await _anonymous.PostAsync("/v1/shops/ping-shop/webhooks", new FormUrlEncodedContent([KeyValuePair.Create("webhook_id", "17")]));

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal(0, await _scope.Database.ScalarAsync<long>($"SELECT count(*) FROM {TestDatabase.GrainStates} WHERE grain_type = 'order'"));
    }
}
