using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.TestingHost;

namespace OrleansShop.Tests.Silo.Endpoints.Shops;

public sealed class ShopsApiTests : IAsyncLifetime
{
    private ClusterScope _scope = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _scope = await ClusterScope.StartAsync(silos: 1);
        _admin = _scope.Cluster.Primary.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _scope.DisposeAsync();
    }

    internal static object Shop(string profile = "standard", string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") => new
    {
        name = "Demo shop",
        webhooks = new { profile, secret },
        codPaymentMethods = new[] { "cod", "Cash on Delivery (COD)", "utánvét", "kapıda ödeme" },
        reputation = new { thresholdPercent = 80, blockCodBelowThreshold = true },
        sms = new { enabled = true, keyword = "ONAY", expiresAfterMinutes = 2880, template = "Sn. (arg0), (arg1) numarali siparisinizi onaylamak icin ONAY (arg1) yazip gonderin.", confirmedText = "Siparisiniz onaylanmistir." },
        invoicing = new { enabled = true, issueOn = "paid" },
        reviews = new { enabled = true, tsid = "X1234567890ABCDEF1234567890ABCDEF", model = "classic", clientSecret = "very-secret" },
        smsGateway = new { userCode = "8501234567", password = "gateway-password", msgHeader = "DEMO" },
    };

    private async Task<string> CreateAsync(string shopId)
    {
        var response = await _admin.PutAsJsonAsync($"/v1/shops/{shopId}", Shop());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString()!;
    }

    [Fact]
    public async Task Creating_a_shop_answers_201_with_its_key_once_and_updating_it_answers_200_without()
    {
        var created = await _admin.PutAsJsonAsync("/v1/shops/demo", Shop());
        var updated = await _admin.PutAsJsonAsync("/v1/shops/demo", Shop());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("demo", body.GetProperty("shopId").GetString());
        Assert.StartsWith("shk_", body.GetProperty("apiKey").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.DoesNotContain("apiKey", await updated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shop_reads_its_configuration_without_any_secret()
    {
        var key = await CreateAsync("secretive");
        using var shop = _scope.Cluster.Primary.CreateClient(key);

        var text = await shop.GetStringAsync("/v1/shops/secretive");

        var view = JsonDocument.Parse(text).RootElement;
        Assert.Equal("standard", view.GetProperty("webhooks").GetProperty("profile").GetString());
        Assert.Equal(["reviews", "smsGateway"], view.GetProperty("configuredCredentials").EnumerateArray().Select(e => e.GetString()));
        foreach (var secret in new[] { "whsec_", "gateway-password", "very-secret", key, "apiKeyHash" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/v1/shops/secretive")).StatusCode);
    }

    [Fact]
    public async Task Omitted_sections_take_their_defaults_including_the_hungarian_status_map()
    {
        var response = await _admin.PutAsJsonAsync("/v1/shops/minimal", new { name = "Minimal", webhooks = new { profile = "shopify", secret = "hush" } });

        var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("shop");
        var map = view.GetProperty("statusMap");
        Assert.Equal("paid", map.GetProperty("Fizetve").GetString());
        Assert.Equal("closed_paid", map.GetProperty("Megrendelés lezárva, fizetve").GetString());
        Assert.Equal("closed", map.GetProperty("Megrendelés lezárva").GetString());
        Assert.Equal("not_collected", map.GetProperty("Vevő nem vette át").GetString());
        Assert.False(view.GetProperty("sms").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Rotating_the_key_retires_the_old_one()
    {
        var old = await CreateAsync("rotating");
        var rotated = await _admin.PostAsync("/v1/shops/rotating/api-keys", content: null);
        var fresh = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString()!;

        using var oldClient = _scope.Cluster.Primary.CreateClient(old);
        using var newClient = _scope.Cluster.Primary.CreateClient(fresh);
        Assert.Equal(HttpStatusCode.NotFound, (await oldClient.GetAsync("/v1/shops/rotating")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newClient.GetAsync("/v1/shops/rotating")).StatusCode);
    }

    [Fact]
    public async Task A_shop_key_never_reaches_another_shops_data()
    {
        await CreateAsync("shop-a");
        var keyB = await CreateAsync("shop-b");
        using var shopB = _scope.Cluster.Primary.CreateClient(keyB);

        foreach (var (method, path) in new[]
        {
            ("GET", "/v1/shops/shop-a"), ("GET", "/v1/shops/shop-a/orders"), ("GET", "/v1/shops/shop-a/orders/1"),
            ("PUT", "/v1/shops/shop-a"), ("POST", "/v1/shops/shop-a/api-keys"),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "PUT" ? JsonContent.Create(Shop()) : null };
            var response = await shopB.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"{method} {path} answered {response.StatusCode}");
            Assert.DoesNotContain("Demo shop", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await shopB.GetAsync("/v1/shops/shop-a")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await shopB.GetAsync("/v1/shops/shop-b/orders")).StatusCode);
    }

    [Fact]
    public async Task Shop_routes_without_a_token_are_401_and_unknown_shops_are_404()
    {
        using var anonymous = _scope.Cluster.Primary.CreateClient(bearer: null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/shops/nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/v1/shops/nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/v1/shops/nobody/orders/1")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"x","webhooks":{"profile":"magento","secret":"s"}}""", "webhooks.profile")]
    [InlineData("""{"name":"x","webhooks":{"profile":"standard","secret":"not-whsec"}}""", "webhooks.secret")]
    [InlineData("""{"webhooks":{"profile":"shopify","secret":"s"}}""", "name")]
    [InlineData("""{"name":5,"webhooks":{"profile":"shopify","secret":"s"}}""", "name")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"statusMap":{"Fizetve":"rich"}}""", "statusMap.Fizetve")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reputation":{"thresholdPercent":101}}""", "reputation.thresholdPercent")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reputation":{"thresholdPercent":"80"}}""", "reputation.thresholdPercent")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"sms":{"template":"no reference"}}""", "sms.template")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"invoicing":{"issueOn":"shipped"}}""", "invoicing.issueOn")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{"enabled":true,"tsid":"Y123"}}""", "reviews.tsid")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{"enabled":true,"tsid":"X1234567890ABCDEF1234567890ABCDE"}}""", "reviews.tsid")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{"enabled":true,"tsid":"X1234567890ABCDEF-1234567890ABCDE"}}""", "reviews.tsid")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{"enabled":true}}""", "reviews.tsid")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{"enabled":true,"tsid":"X1234567890ABCDEF1234567890ABCDEF","model":"premium"}}""", "reviews.model")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{"enabled":true,"tsid":"X1234567890ABCDEF1234567890ABCDEF","channelId":"b3c1d4e5"}}""", "reviews.channelId")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{"enabled":true,"tsid":"X1234567890ABCDEF1234567890ABCDEF","eventType":"checkout"}}""", "reviews.eventType")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{"enabled":true,"tsid":"X1234567890ABCDEF1234567890ABCDEF","eventType":"Delivery"}}""", "reviews.eventType")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{"enabled":true,"tsid":"X1234567890ABCDEF1234567890ABCDEF","eventType":""}}""", "reviews.eventType")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{"enabled":true,"tsid":"X1234567890ABCDEF1234567890ABCDEF","eventType":"order shipped"}}""", "reviews.eventType")]
    [InlineData("""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{"enabled":true,"tsid":"X1234567890ABCDEF1234567890ABCDEF","eventType":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", "reviews.eventType")]
    [InlineData("""{"name":"x","webhooks":""", "webhooks")]
    [InlineData("[1,2]", "body")]
    public async Task An_invalid_shop_is_a_400_problem_naming_the_field_and_stores_nothing(string body, string field)
    {
        var response = await _admin.PutAsync("/v1/shops/invalid", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/v1/shops/invalid")).StatusCode);
    }

    [Fact]
    public async Task A_trusted_shops_id_is_taken_in_any_case_and_with_spaces_and_kept_upper_cased()
    {
        var body = """{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{"enabled":true,"tsid":" x1234567890abcdefab34567890abcdef ","model":"excellence","clientSecret":"cs","protectionPassword":"pw"}}""";

        var response = await _admin.PutAsync("/v1/shops/lenient", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await _admin.GetFromJsonAsync<JsonElement>("/v1/shops/lenient");
        Assert.Equal(("X1234567890ABCDEFAB34567890ABCDEF", "excellence"), (view.GetProperty("reviews").GetProperty("tsid").GetString(), view.GetProperty("reviews").GetProperty("model").GetString()));
        Assert.DoesNotContain("\"pw\"", view.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"cs\"", view.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_event_type_checkout_is_refused_because_etrusted_reserves_it()
    {
        var body = """{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{"enabled":true,"tsid":"X1234567890ABCDEF1234567890ABCDEF","eventType":"checkout"}}""";

        var response = await _admin.PutAsync("/v1/shops/reserved", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(
            "reviews.eventType cannot be checkout, which eTrusted reserves: use the event type configured in the shop's eTrusted account, such as delivery.",
            Assert.Single(problem.GetProperty("errors").GetProperty("reviews.eventType").EnumerateArray()).GetString());
    }

    [Theory]
    [InlineData("""{"enabled":true,"tsid":"X1234567890ABCDEF1234567890ABCDEF"}""", "delivery")]
    [InlineData("""{"enabled":true,"tsid":"X1234567890ABCDEF1234567890ABCDEF","eventType":"order_shipped-2"}""", "order_shipped-2")]
    [InlineData("""{"enabled":false,"eventType":"review"}""", "review")]
    [InlineData("""{"enabled":false}""", null)]
    public async Task The_etrusted_event_type_is_kept_and_is_delivery_when_reviews_are_enabled_without_one(string reviews, string? expected)
    {
        var body = $$"""{"name":"x","webhooks":{"profile":"shopify","secret":"s"},"reviews":{{reviews}}}""";

        var response = await _admin.PutAsync("/v1/shops/event-type", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var view = await _admin.GetFromJsonAsync<JsonElement>("/v1/shops/event-type");
        Assert.Equal(expected, view.GetProperty("reviews").GetProperty("eventType").GetString());
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("has_underscore")]
    [InlineData("a-very-long-shop-id-that-goes-on-and-on-and-on-past-sixty-four-chars")]
    public async Task A_shop_id_outside_the_pattern_is_refused(string shopId)
    {
        var response = await _admin.PutAsJsonAsync($"/v1/shops/{shopId}", Shop());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Shop_routes_need_the_admin_token_to_create()
    {
        var key = await CreateAsync("self-service");
        using var shop = _scope.Cluster.Primary.CreateClient(key);

        Assert.Equal(HttpStatusCode.Unauthorized, (await shop.PutAsJsonAsync("/v1/shops/another", Shop())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await shop.PostAsync("/v1/shops/self-service/api-keys", null)).StatusCode);
    }

    [Fact]
    public async Task The_silo_serves_an_openapi_document_with_the_shop_routes()
    {
        var document = await _admin.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/v1/shops/{shopId}/webhooks", document, StringComparison.Ordinal);
        Assert.Contains("/v1/shops/{shopId}/orders/{orderId}", document, StringComparison.Ordinal);
    }
}
