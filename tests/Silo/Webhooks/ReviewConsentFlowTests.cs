using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.TrustedShops;

namespace OrleansShop.Tests.Silo.Webhooks;

/// <summary>
/// Review consent where each platform carries it: a Shopify buyer's e-mail marketing consent, a
/// WooCommerce order meta key the shop names, or every buyer when the shop asks at its own checkout.
/// A buyer with consent is invited once the order closes; a buyer without is not.
/// </summary>
public sealed class ReviewConsentFlowTests(OneSilo silo) : IClassFixture<OneSilo>
{
    private static byte[] Payload(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Silo", "Webhooks", "Payloads", name));

    private async Task<SignedPoster> ShopAsync(string shopId, string profile, string consent = "platform", string? consentMetaKey = null)
    {
        using var admin = silo.Scope.Cluster.Primary.CreateClient();
        var response = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", new
        {
            name = shopId,
            url = "https://consent.example",
            webhooks = new { profile, secret = "hush" },
            reviews = new
            {
                enabled = true,
                tsid = "X1234567890ABCDEF1234567890ABCDEF",
                consent,
                consentMetaKey,
                clientId = TrustedShopsTesting.ClientId,
                clientSecret = TrustedShopsTesting.ClientSecret,
                channelId = TrustedShopsTesting.ChannelId,
            },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return new SignedPoster(silo.Scope.Cluster.Primary.CreateClient(bearer: null), shopId, "hush");
    }

    private async Task<string?> ReviewAsync(string shopId, string orderId)
    {
        using var admin = silo.Scope.Cluster.Primary.CreateClient();
        return (await admin.GetFromJsonAsync<JsonElement>($"/v1/shops/{shopId}/orders/{orderId}")).GetProperty("review").GetProperty("status").GetString();
    }

    private static async Task ShopifyAsync(SignedPoster post, string topic, byte[] body, string eventId) =>
        Assert.Equal(HttpStatusCode.OK, (await post.BodySignedAsync(Encoding.UTF8.GetString(body), "X-Shopify-Hmac-Sha256",
            new Dictionary<string, string> { ["X-Shopify-Topic"] = topic, ["X-Shopify-Event-Id"] = eventId })).StatusCode);

    private static async Task WooCommerceAsync(SignedPoster post, string topic, byte[] body) =>
        Assert.Equal(HttpStatusCode.OK, (await post.BodySignedAsync(Encoding.UTF8.GetString(body), "X-WC-Webhook-Signature",
            new Dictionary<string, string> { ["X-WC-Webhook-Topic"] = topic })).StatusCode);

    /// <summary>The fixture order under another id, its customer's marketing consent in the given state, and the same order archived.</summary>
    private static (byte[] Created, byte[] Closed) ShopifyOrder(long id, string consentState)
    {
        var created = JsonEdits.Replace(Payload("shopify-cod-order-created.json"), "id", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        created = JsonEdits.Replace(created, "customer.email_marketing_consent", "{\"state\":\"" + consentState + "\",\"opt_in_level\":\"single_opt_in\",\"consent_updated_at\":null}");
        var closed = JsonEdits.Replace(created, "closed_at", "\"2024-05-06T16:40:05+03:00\"");
        closed = JsonEdits.Replace(closed, "updated_at", "\"2024-05-06T16:40:05+03:00\"");
        closed = JsonEdits.Replace(JsonEdits.Replace(closed, "financial_status", "\"paid\""), "fulfillment_status", "\"fulfilled\"");
        return (created, closed);
    }

    [Fact]
    public async Task A_shopify_buyer_subscribed_to_e_mail_marketing_is_invited_and_one_not_subscribed_is_not()
    {
        var post = await ShopAsync("consent-shopify", "shopify");
        var (consenting, consentingClosed) = ShopifyOrder(7001, "subscribed");
        var (declining, decliningClosed) = ShopifyOrder(7002, "not_subscribed");

        await ShopifyAsync(post, "orders/create", consenting, "e-7001-c");
        await ShopifyAsync(post, "orders/create", declining, "e-7002-c");
        await ShopifyAsync(post, "orders/updated", consentingClosed, "e-7001-u");
        await ShopifyAsync(post, "orders/updated", decliningClosed, "e-7002-u");

        await Eventually.TrueAsync(async () => await ReviewAsync("consent-shopify", "7001") == "invited", "the consenting buyer is invited");
        await silo.Scope.Database.UntilEffectsSettledAsync();
        Assert.Equal("none", await ReviewAsync("consent-shopify", "7002"));
    }

    [Fact]
    public async Task A_woocommerce_buyer_is_invited_when_the_shops_meta_key_says_yes_and_not_otherwise()
    {
        var post = await ShopAsync("consent-woo", "woocommerce", consentMetaKey: "_review_consent");
        byte[] Order(long id, string consent, string file) =>
            JsonEdits.Replace(JsonEdits.Replace(Payload(file), "id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                "meta_data", "[{\"id\":1,\"key\":\"_review_consent\",\"value\":\"" + consent + "\"}]");

        await WooCommerceAsync(post, "order.created", Order(8001, "yes", "woocommerce-cod-order-created.json"));
        await WooCommerceAsync(post, "order.created", Order(8002, "no", "woocommerce-cod-order-created.json"));
        await WooCommerceAsync(post, "order.updated", Order(8001, "yes", "woocommerce-cod-order-completed.json"));
        await WooCommerceAsync(post, "order.updated", Order(8002, "no", "woocommerce-cod-order-completed.json"));

        await Eventually.TrueAsync(async () => await ReviewAsync("consent-woo", "8001") == "invited", "the consenting buyer is invited");
        await silo.Scope.Database.UntilEffectsSettledAsync();
        Assert.Equal("none", await ReviewAsync("consent-woo", "8002"));
    }

    [Fact]
    public async Task A_shop_that_asks_at_its_own_checkout_has_every_buyer_invited()
    {
        var post = await ShopAsync("consent-checkout", "shopify", consent: "checkout");
        var (order, closed) = ShopifyOrder(7101, "not_subscribed");

        await ShopifyAsync(post, "orders/create", order, "e-7101-c");
        await ShopifyAsync(post, "orders/updated", closed, "e-7101-u");

        await Eventually.TrueAsync(async () => await ReviewAsync("consent-checkout", "7101") == "invited", "the buyer is invited");
    }
}
