using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Connectors;

/// <summary>
/// Write-back to the shop's own platform, on the sandbox platform of the embedded default: a COD
/// buyer below the threshold flagged, held or cancelled there with the figures, the buyer's SMS
/// confirmation, the invoice number — each fact of an order once, whatever is delivered twice.
/// </summary>
public sealed class PlatformConnectorTests(PlatformConnectorTests.NetworkWithABadBuyer network) : IClassFixture<PlatformConnectorTests.NetworkWithABadBuyer>
{
    private const string Secret = "hush";

    /// <summary>One silo whose network knows <see cref="BadBuyer"/>: one parcel collected, three not (25 %).</summary>
    public sealed class NetworkWithABadBuyer : IAsyncLifetime
    {
        public const string BadBuyer = "Bad.Buyer+platform@example.com";

        public ClusterScope Scope { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Scope = await ClusterScope.StartAsync(silos: 1);
            using var admin = Scope.Cluster.Primary.CreateClient();
            var created = await admin.PutAsJsonAsync("/v1/shops/feeder", ShopsApiTests.Shop());
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            var feeder = new SignedPoster(Scope.Cluster.Primary.CreateClient(bearer: null), "feeder", SignedPoster.StandardSecret);
            string[] outcomes = ["Fizetve", "Vevő nem vette át", "Vevő nem vette át", "Vevő nem vette át"];
            for (var i = 0; i < outcomes.Length; i++)
            {
                (await feeder.StandardAsync(SignedPoster.Created($"past-{i}", email: BadBuyer))).EnsureSuccessStatusCode();
                (await feeder.StandardAsync(SignedPoster.Status($"past-{i}", outcomes[i]))).EnsureSuccessStatusCode();
            }

            await Eventually.TrueAsync(
                async () => (await (await admin.PostAsJsonAsync("/v1/shops/feeder/cod-eligibility", new { email = BadBuyer })).Content.ReadFromJsonAsync<JsonElement>())
                    .GetProperty("reputation") is var r && r.GetProperty("collected").GetInt32() == 1 && r.GetProperty("notCollected").GetInt32() == 3,
                "the network counts the bad buyer's four outcomes");
        }

        public async Task DisposeAsync() => await Scope.DisposeAsync();
    }

    private HttpClient Admin() => network.Scope.Cluster.Primary.CreateClient();

    /// <summary>A shop on <paramref name="profile"/> with write-back on, COD confirmed by SMS, a threshold of 80 %.</summary>
    private async Task<SignedPoster> ShopAsync(string shopId, string profile, string belowThreshold = "flag", bool writeBack = true, bool sms = true, bool invoicing = false)
    {
        var body = JsonSerializer.SerializeToNode(ShopsApiTests.Shop())!.AsObject();
        body["webhooks"] = JsonSerializer.SerializeToNode(new { profile, secret = Secret });
        body["reputation"] = JsonSerializer.SerializeToNode(new { thresholdPercent = 80, belowThreshold });
        body["sms"] = JsonSerializer.SerializeToNode(new { enabled = sms });
        body["invoicing"] = JsonSerializer.SerializeToNode(new { enabled = invoicing, issueOn = "paid" });
        body["writeBack"] = JsonSerializer.SerializeToNode(new { enabled = writeBack });
        using var admin = Admin();
        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", body);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return new SignedPoster(network.Scope.Cluster.Primary.CreateClient(bearer: null), shopId, Secret);
    }

    private static string Payload(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Silo", "Webhooks", "Payloads", name));

    private static async Task WooCreatedAsync(SignedPoster post, int id, string email)
    {
        var order = JsonNode.Parse(Payload("woocommerce-cod-order-created.json"))!.AsObject();
        order["id"] = id;
        order["number"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        order["billing"]!["email"] = email;
        using var response = await post.BodySignedAsync(order.ToJsonString(), "X-WC-Webhook-Signature", new Dictionary<string, string> { ["X-WC-Webhook-Topic"] = "order.created" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task ShopifyAsync(SignedPoster post, string topic, string file, long id, string email)
    {
        var order = JsonNode.Parse(Payload(file))!.AsObject();
        order["id"] = id;
        order["name"] = $"#{id}";
        order["email"] = email;
        using var response = await post.BodySignedAsync(order.ToJsonString(), "X-Shopify-Hmac-Sha256", new Dictionary<string, string> { ["X-Shopify-Topic"] = topic, ["X-Shopify-Event-Id"] = $"evt-{topic}-{id}" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<JsonElement>> PlatformAsync(string shopId, string orderId)
    {
        using var admin = Admin();
        return [.. (await admin.GetFromJsonAsync<JsonElement>($"/v1/sandbox/platform?shopId={shopId}")).EnumerateArray().Where(w => w.GetProperty("orderId").GetString() == orderId)];
    }

    private static IReadOnlyList<string?> Tags(JsonElement write) => [.. write.GetProperty("tags").EnumerateArray().Select(t => t.GetString())];

    [Fact]
    public async Task A_buyers_sms_confirmation_reaches_the_woocommerce_order_once_with_its_status_though_the_buyer_replies_twice()
    {
        var post = await ShopAsync("woo-confirms", "woocommerce");
        await WooCreatedAsync(post, 9101, "good.buyer@example.com");
        using var admin = Admin();

        for (var i = 0; i < 2; i++)
        {
            await admin.PostAsJsonAsync("/v1/sandbox/sms/reply", new { from = "05321112233", text = "ONAY 9101" });
        }

        await Eventually.TrueAsync(async () => (await PlatformAsync("woo-confirms", "9101")).Count == 1, "the confirmation reaches the platform");
        var write = Assert.Single(await PlatformAsync("woo-confirms", "9101"));
        Assert.Equal(("woocommerce", "cod-confirmed", "processing", false), (write.GetProperty("platform").GetString(), write.GetProperty("fact").GetString(), write.GetProperty("status").GetString(), write.GetProperty("cancelled").GetBoolean()));
        Assert.Equal("OrleansShop: The buyer confirmed the order by SMS. [cod-confirmed]", write.GetProperty("note").GetString());
        Assert.Equal(["cod-confirmed"], Tags(write));
        await network.Scope.Database.UntilEffectsSettledAsync();
        Assert.Single(await PlatformAsync("woo-confirms", "9101"));
    }

    [Fact]
    public async Task A_buyer_below_the_threshold_is_flagged_held_or_cancelled_on_the_platform_as_the_shop_chose_with_the_figures()
    {
        var flags = await ShopAsync("shopify-flags", "shopify", "flag");
        var cancels = await ShopAsync("shopify-cancels", "shopify", "cancel");
        var holds = await ShopAsync("woo-holds", "woocommerce", "hold");

        await ShopifyAsync(flags, "orders/create", "shopify-cod-order-created.json", 8101, NetworkWithABadBuyer.BadBuyer);
        await ShopifyAsync(cancels, "orders/create", "shopify-cod-order-created.json", 8102, NetworkWithABadBuyer.BadBuyer);
        await WooCreatedAsync(holds, 8103, NetworkWithABadBuyer.BadBuyer);

        const string figures = "COD risk: the buyer collected 1 of 4 cash-on-delivery parcels (25 %), below the shop's 80 %";
        await Eventually.TrueAsync(async () => (await PlatformAsync("shopify-flags", "8101")).Count == 1, "the flagged order is written");
        var flagged = Assert.Single(await PlatformAsync("shopify-flags", "8101"));
        Assert.Equal(["cod-risk"], Tags(flagged));
        Assert.Equal($"OrleansShop: {figures}; the order goes on. [cod-risk]", flagged.GetProperty("note").GetString());
        Assert.False(flagged.GetProperty("cancelled").GetBoolean());

        await Eventually.TrueAsync(async () => (await PlatformAsync("shopify-cancels", "8102")).Count == 1, "the cancelled order is written");
        var cancelled = Assert.Single(await PlatformAsync("shopify-cancels", "8102"));
        Assert.Equal(["cod-risk", "cod-cancelled"], Tags(cancelled));
        Assert.True(cancelled.GetProperty("cancelled").GetBoolean());
        Assert.StartsWith($"OrleansShop: {figures}; the order is cancelled", cancelled.GetProperty("note").GetString(), StringComparison.Ordinal);

        await Eventually.TrueAsync(async () => (await PlatformAsync("woo-holds", "8103")).Count == 1, "the held order is written");
        var held = Assert.Single(await PlatformAsync("woo-holds", "8103"));
        Assert.Equal(("cod-held", "on-hold"), (held.GetProperty("fact").GetString(), held.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_held_order_the_merchant_confirms_by_hand_is_confirmed_on_the_platform_too()
    {
        var holds = await ShopAsync("woo-holds-confirm", "woocommerce", "hold");
        await WooCreatedAsync(holds, 8201, NetworkWithABadBuyer.BadBuyer);
        var key = await ApiKeyAsync("woo-holds-confirm");
        using var shop = network.Scope.Cluster.Primary.CreateClient(key);

        (await shop.PostAsJsonAsync("/v1/shops/woo-holds-confirm/orders/8201/confirm", new { reason = "called the buyer" })).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(async () => (await PlatformAsync("woo-holds-confirm", "8201")).Count == 2, "the hold and the confirmation are written");
        var confirmed = (await PlatformAsync("woo-holds-confirm", "8201")).Single(w => w.GetProperty("fact").GetString() == "cod-confirmed");
        Assert.Equal(("processing", "OrleansShop: The merchant confirmed the order in OrleansShop. [cod-confirmed]"), (confirmed.GetProperty("status").GetString(), confirmed.GetProperty("note").GetString()));
    }

    [Fact]
    public async Task An_issued_invoice_puts_its_number_on_the_shopify_order()
    {
        var post = await ShopAsync("shopify-invoices", "shopify", sms: false, invoicing: true);
        await ShopifyAsync(post, "orders/create", "shopify-cod-order-created.json", 8301, "good.buyer@example.com");
        await ShopifyAsync(post, "orders/paid", "shopify-cod-order-paid.json", 8301, "good.buyer@example.com");

        await Eventually.TrueAsync(async () => (await PlatformAsync("shopify-invoices", "8301")).Count == 1, "the invoice is written");
        var written = Assert.Single(await PlatformAsync("shopify-invoices", "8301"));
        var key = await ApiKeyAsync("shopify-invoices");
        using var shop = network.Scope.Cluster.Primary.CreateClient(key);
        var number = (await shop.GetFromJsonAsync<JsonElement>("/v1/shops/shopify-invoices/orders/8301")).GetProperty("invoice").GetProperty("number").GetString();
        Assert.Equal(("invoice-issued", $"invoice-{number}"), (written.GetProperty("fact").GetString(), Tags(written).Single()));
        Assert.Contains($"Invoice {number} issued", written.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shop_without_write_back_tells_its_platform_nothing()
    {
        var post = await ShopAsync("woo-quiet", "woocommerce", "hold", writeBack: false);
        await WooCreatedAsync(post, 8401, NetworkWithABadBuyer.BadBuyer);
        using var admin = Admin();

        await network.Scope.Database.UntilEffectsSettledAsync();
        Assert.Equal("Held", (await admin.GetFromJsonAsync<JsonElement>("/v1/shops/woo-quiet/orders/8401")).GetProperty("status").GetString());
        Assert.Empty(await PlatformAsync("woo-quiet", "8401"));
    }

    [Theory]
    [InlineData("standard", """{"writeBack":{"enabled":true}}""", "writeBack.enabled")]
    [InlineData("woocommerce", """{"writeBack":{"enabled":true,"statuses":{"shipped":"completed"}}}""", "writeBack.statuses.shipped")]
    [InlineData("shopify", """{"platformApi":{"accessToken":"shpat_1"}}""", "platformApi.storeUrl")]
    [InlineData("shopify", """{"platformApi":{"storeUrl":"https://demo.myshopify.com"}}""", "platformApi.accessToken")]
    [InlineData("woocommerce", """{"platformApi":{"storeUrl":"https://shop.example","consumerKey":"ck_1"}}""", "platformApi.consumerSecret")]
    [InlineData("ideasoft", """{"platformApi":{"storeUrl":"ftp://demo.myideasoft.com","accessToken":"t"}}""", "platformApi.storeUrl")]
    public async Task Write_back_settings_are_checked_field_by_field(string profile, string section, string field)
    {
        var body = JsonSerializer.SerializeToNode(ShopsApiTests.Shop())!.AsObject();
        body["webhooks"] = JsonSerializer.SerializeToNode(new { profile, secret = profile == "standard" ? SignedPoster.StandardSecret : Secret });
        foreach (var (name, value) in JsonNode.Parse(section)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        using var admin = Admin();
        var response = await admin.PutAsJsonAsync($"/v1/shops/invalid-{profile}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}");
    }

    [Fact]
    public async Task A_shop_shows_its_write_back_with_the_platforms_statuses_and_never_its_platform_secrets()
    {
        var body = JsonSerializer.SerializeToNode(ShopsApiTests.Shop())!.AsObject();
        body["webhooks"] = JsonSerializer.SerializeToNode(new { profile = "woocommerce", secret = Secret });
        body["writeBack"] = JsonSerializer.SerializeToNode(new { enabled = true, statuses = new { held = "", confirmed = "wc-onaylandi" } });
        body["platformApi"] = JsonSerializer.SerializeToNode(new { storeUrl = "https://shop.example", consumerKey = "ck_visible_nowhere", consumerSecret = "cs_secret_never_shown" });
        using var admin = Admin();
        (await admin.PutAsJsonAsync("/v1/shops/woo-shown", body)).EnsureSuccessStatusCode();

        var text = await admin.GetStringAsync("/v1/shops/woo-shown");
        var writeBack = JsonDocument.Parse(text).RootElement.GetProperty("writeBack");

        Assert.Equal((true, "woocommerce"), (writeBack.GetProperty("enabled").GetBoolean(), writeBack.GetProperty("platform").GetString()));
        var statuses = writeBack.GetProperty("statuses");
        Assert.Equal(("wc-onaylandi", "cancelled"), (statuses.GetProperty("confirmed").GetString(), statuses.GetProperty("cancelled").GetString()));
        Assert.False(statuses.TryGetProperty("held", out _), "an empty status leaves the order's status alone");
        Assert.Contains("platformApi", JsonDocument.Parse(text).RootElement.GetProperty("configuredCredentials").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain("cs_secret_never_shown", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ck_visible_nowhere", text, StringComparison.Ordinal);
    }

    private async Task<string> ApiKeyAsync(string shopId)
    {
        using var admin = Admin();
        var rotated = await admin.PostAsync($"/v1/shops/{shopId}/api-keys", null);
        rotated.EnsureSuccessStatusCode();
        return (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
    }
}
