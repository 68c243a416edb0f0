using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Endpoints.Checkout;

/// <summary>
/// <c>checkout.allowedOrigins</c>: validated like every setting, reachable by PUT and PATCH, and the
/// CORS policy of the shop's cod-eligibility — a listed origin's preflight and call are allowed, another's are not.
/// </summary>
public sealed class CheckoutCorsTests(OneSilo silo) : IClassFixture<OneSilo>
{
    private const string Storefront = "https://bolt.example";

    private Tests.TestingHost.TestSilo Silo => silo.Scope.Cluster.Primary;

    [Fact]
    public async Task A_preflight_from_a_listed_origin_is_allowed_for_post_with_the_keys_header()
    {
        await CheckoutTesting.CreateAsync(Silo, "cors-listed", CheckoutTesting.Shop(Storefront, "http://127.0.0.1:8123"));
        using var http = Silo.CreateClient(bearer: null);

        using var answer = await http.SendAsync(CheckoutTesting.Preflight("cors-listed", Storefront));

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal(Storefront, Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", string.Join(',', answer.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        var headers = string.Join(',', answer.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("authorization", headers, StringComparison.Ordinal);
        Assert.Contains("content-type", headers, StringComparison.Ordinal);
        Assert.Equal("600", Assert.Single(answer.Headers.GetValues("Access-Control-Max-Age")));
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://bolt.example")]
    [InlineData("https://bolt.example:8443")]
    [InlineData("null")]
    public async Task A_preflight_or_a_call_from_an_origin_not_listed_gets_no_allow_origin(string origin)
    {
        var shopId = $"cors-other-{origin.Length}-{origin[^1]}".Replace(".", string.Empty, StringComparison.Ordinal);
        var (_, publishableKey) = await CheckoutTesting.CreateAsync(Silo, shopId, CheckoutTesting.Shop(Storefront));
        using var http = Silo.CreateClient(bearer: null);

        using var preflight = await http.SendAsync(CheckoutTesting.Preflight(shopId, origin));
        using var call = await http.SendAsync(CheckoutTesting.Eligibility(shopId, publishableKey, "buyer@example.com", origin));
        using var listed = await http.SendAsync(CheckoutTesting.Eligibility(shopId, publishableKey, "buyer@example.com", Storefront));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Methods"));
        Assert.False(call.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(Storefront, Assert.Single(listed.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task A_shop_without_origins_and_an_unknown_shop_allow_no_browser_at_all()
    {
        await CheckoutTesting.CreateAsync(Silo, "cors-none");
        using var http = Silo.CreateClient(bearer: null);

        using var none = await http.SendAsync(CheckoutTesting.Preflight("cors-none", Storefront));
        using var unknown = await http.SendAsync(CheckoutTesting.Preflight("cors-nobody", Storefront));

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (none.StatusCode, unknown.StatusCode));
        Assert.False(none.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(unknown.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Other_routes_of_the_shop_answer_no_preflight_and_allow_no_origin()
    {
        var (apiKey, _) = await CheckoutTesting.CreateAsync(Silo, "cors-orders", CheckoutTesting.Shop(Storefront));
        using var http = Silo.CreateClient(apiKey);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/shops/cors-orders/orders");
        preflight.Headers.Add("Origin", Storefront);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var read = new HttpRequestMessage(HttpMethod.Get, "/v1/shops/cors-orders/orders");
        read.Headers.Add("Origin", Storefront);

        using var preflightAnswer = await http.SendAsync(preflight);
        using var readAnswer = await http.SendAsync(read);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, preflightAnswer.StatusCode);
        Assert.False(preflightAnswer.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, readAnswer.StatusCode);
        Assert.False(readAnswer.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Origins_are_kept_as_browsers_send_them_and_a_patch_changes_them_at_once()
    {
        var (apiKey, publishableKey) = await CheckoutTesting.CreateAsync(Silo, "cors-patch", CheckoutTesting.Shop("HTTPS://Bolt.Example:443/", " http://127.0.0.1:8123 "));
        using var shop = Silo.CreateClient(apiKey);
        using var http = Silo.CreateClient(bearer: null);

        var created = await shop.GetFromJsonAsync<JsonElement>("/v1/shops/cors-patch");
        using var patched = await shop.PatchAsync("/v1/shops/cors-patch", new StringContent("""{"checkout":{"allowedOrigins":["https://new-bolt.example"]}}""", Encoding.UTF8, "application/merge-patch+json"));
        using var oldOrigin = await http.SendAsync(CheckoutTesting.Preflight("cors-patch", Storefront));
        using var newOrigin = await http.SendAsync(CheckoutTesting.Preflight("cors-patch", "https://new-bolt.example"));

        Assert.Equal(["https://bolt.example", "http://127.0.0.1:8123"], created.GetProperty("checkout").GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var view = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["https://new-bolt.example"], view.GetProperty("checkout").GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(publishableKey, view.GetProperty("checkout").GetProperty("publishableKey").GetString()); // a settings change keeps the key
        Assert.False(oldOrigin.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("https://new-bolt.example", Assert.Single(newOrigin.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Theory]
    [InlineData("ftp://bolt.example")]
    [InlineData("https://bolt.example/checkout")]
    [InlineData("https://bolt.example?x=1")]
    [InlineData("https://user@bolt.example")]
    [InlineData("bolt.example")]
    [InlineData("")]
    public async Task An_origin_that_is_not_one_is_a_400_naming_it_by_put_and_by_patch(string origin)
    {
        var shopId = $"cors-bad-{Math.Abs(origin.Aggregate(17, (h, c) => unchecked((h * 31) + c)) % 100_000)}";
        var (apiKey, _) = await CheckoutTesting.CreateAsync(Silo, shopId, CheckoutTesting.Shop(Storefront));
        using var admin = Silo.CreateClient();
        using var shop = Silo.CreateClient(apiKey);

        using var put = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", CheckoutTesting.Shop(Storefront, origin));
        using var patch = await shop.PatchAsync($"/v1/shops/{shopId}", new StringContent(JsonSerializer.Serialize(new { checkout = new { allowedOrigins = new[] { origin } } }), Encoding.UTF8, "application/merge-patch+json"));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (put.StatusCode, patch.StatusCode));
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.True((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("checkout.allowedOrigins[1]", out _));
        Assert.True((await patch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("checkout.allowedOrigins[0]", out _));
        var view = await shop.GetFromJsonAsync<JsonElement>($"/v1/shops/{shopId}");
        Assert.Equal([Storefront], view.GetProperty("checkout").GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task More_than_twenty_origins_or_a_value_of_the_wrong_type_are_a_400_naming_the_list()
    {
        var (apiKey, _) = await CheckoutTesting.CreateAsync(Silo, "cors-many");
        using var shop = Silo.CreateClient(apiKey);

        using var many = await shop.PatchAsync("/v1/shops/cors-many", new StringContent(JsonSerializer.Serialize(new { checkout = new { allowedOrigins = Enumerable.Range(1, 21).Select(i => $"https://shop{i}.example") } }), Encoding.UTF8, "application/merge-patch+json"));
        using var wrongType = await shop.PatchAsync("/v1/shops/cors-many", new StringContent("""{"checkout":{"allowedOrigins":"https://bolt.example"}}""", Encoding.UTF8, "application/merge-patch+json"));

        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.True((await many.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("checkout.allowedOrigins", out _));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.True((await wrongType.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("checkout.allowedOrigins", out _));
    }
}
