using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Endpoints.Checkout;

/// <summary>
/// The shop's publishable key: shown with the shop, it asks cod-eligibility and gets only what a
/// checkout page needs; every other route refuses it; rotation replaces it at once.
/// </summary>
public sealed class PublishableKeyTests(OneSilo silo) : IClassFixture<OneSilo>
{
    private Tests.TestingHost.TestSilo Silo => silo.Scope.Cluster.Primary;

    [Fact]
    public async Task A_new_shop_has_a_publishable_key_shown_with_it_which_is_not_its_api_key()
    {
        var (apiKey, publishableKey) = await CheckoutTesting.CreateAsync(Silo, "pk-shown");
        using var shop = Silo.CreateClient(apiKey);

        var view = await shop.GetFromJsonAsync<JsonElement>("/v1/shops/pk-shown");

        Assert.StartsWith("pk_", publishableKey, StringComparison.Ordinal);
        Assert.True(publishableKey.Length > 30);
        Assert.NotEqual(apiKey, publishableKey);
        Assert.Equal(publishableKey, view.GetProperty("checkout").GetProperty("publishableKey").GetString());
    }

    [Fact]
    public async Task The_publishable_key_gets_only_whether_to_offer_cod_and_whether_sms_confirmation_follows()
    {
        var (apiKey, publishableKey) = await CheckoutTesting.CreateAsync(Silo, "pk-minimal");
        await CheckoutTesting.BuyerAsync(Silo, "late.payer@example.com", collected: 1, notCollected: 3);
        using var http = Silo.CreateClient(bearer: null);

        using var refused = await http.SendAsync(CheckoutTesting.Eligibility("pk-minimal", publishableKey, "late.payer@example.com"));
        using var fresh = await http.SendAsync(CheckoutTesting.Eligibility("pk-minimal", publishableKey, "new.buyer@example.com"));
        using var full = await http.SendAsync(CheckoutTesting.Eligibility("pk-minimal", apiKey, "late.payer@example.com"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("""{"codAllowed":false,"smsConfirmationRequired":true}""", await refused.Content.ReadAsStringAsync());
        Assert.Equal("""{"codAllowed":true,"smsConfirmationRequired":true}""", await fresh.Content.ReadAsStringAsync());

        // The shop's own key still gets the whole answer, counts and reasons included.
        var answer = await full.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, answer.GetProperty("reputation").GetProperty("notCollected").GetInt32());
        Assert.NotEmpty(answer.GetProperty("reasons").EnumerateArray());
    }

    [Theory]
    [InlineData("GET", "/v1/shops/{shop}")]
    [InlineData("PATCH", "/v1/shops/{shop}")]
    [InlineData("GET", "/v1/shops/{shop}/orders")]
    [InlineData("GET", "/v1/shops/{shop}/orders/o1")]
    [InlineData("POST", "/v1/shops/{shop}/orders/o1/confirm")]
    [InlineData("POST", "/v1/shops/{shop}/orders/o1/sms/resend")]
    [InlineData("GET", "/v1/shops/{shop}/webhook-deliveries")]
    [InlineData("GET", "/v1/shops/{shop}/deliveries")]
    [InlineData("POST", "/v1/shops/{shop}/deliveries/replay")]
    [InlineData("POST", "/v1/shops/{shop}/buyer-protection")]
    [InlineData("POST", "/v1/shops/{shop}/reviews/check")]
    [InlineData("POST", "/v1/shops/{shop}/publishable-keys")]
    public async Task Every_other_route_of_its_shop_refuses_the_publishable_key_with_403(string method, string route)
    {
        var shopId = $"pk-refused-{Math.Abs(StableHash(method + route))}";
        var (_, publishableKey) = await CheckoutTesting.CreateAsync(Silo, shopId);
        using var http = Silo.CreateClient(publishableKey);
        using var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{shop}", shopId, StringComparison.Ordinal))
        {
            Content = method == "GET" ? null : new StringContent("""{"reason":"x","name":"Taken over","expectedCount":0,"total":{"amount":"10.00","currency":"EUR"}}""", Encoding.UTF8, "application/json"),
        };

        using var answer = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/problems/forbidden", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("PUT", "/v1/shops/{shop}")]
    [InlineData("POST", "/v1/shops/{shop}/api-keys")]
    [InlineData("GET", "/v1/admin/deliveries")]
    [InlineData("GET", "/v1/admin/silos")]
    [InlineData("GET", "/v1/sandbox/sms")]
    [InlineData("GET", "/v1/sandbox/reputation/signals")]
    [InlineData("POST", "/v1/reputation/erasure")]
    [InlineData("POST", "/v1/sms/inbound")]
    public async Task Admin_sandbox_and_sms_routes_refuse_the_publishable_key_with_401(string method, string route)
    {
        var shopId = $"pk-admin-{Math.Abs(StableHash(method + route))}";
        var (_, publishableKey) = await CheckoutTesting.CreateAsync(Silo, shopId);
        using var http = Silo.CreateClient(publishableKey);
        using var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{shop}", shopId, StringComparison.Ordinal))
        {
            Content = method == "GET" ? null : JsonContent.Create(CheckoutTesting.Shop()),
        };

        using var answer = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var view = await Silo.CreateClient().GetFromJsonAsync<JsonElement>($"/v1/shops/{shopId}");
        Assert.Equal("Storefront shop", view.GetProperty("name").GetString()); // nothing changed
    }

    [Fact]
    public async Task Another_shops_publishable_key_sees_no_shop()
    {
        await CheckoutTesting.CreateAsync(Silo, "pk-owner");
        var (_, otherKey) = await CheckoutTesting.CreateAsync(Silo, "pk-other");
        using var http = Silo.CreateClient(bearer: null);

        using var answer = await http.SendAsync(CheckoutTesting.Eligibility("pk-owner", otherKey, "buyer@example.com"));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task Rotating_with_the_shops_key_or_the_admin_token_invalidates_the_old_publishable_key_at_once()
    {
        var (apiKey, first) = await CheckoutTesting.CreateAsync(Silo, "pk-rotate");
        using var shop = Silo.CreateClient(apiKey);
        using var admin = Silo.CreateClient();
        using var http = Silo.CreateClient(bearer: null);

        using var byShop = await shop.PostAsync("/v1/shops/pk-rotate/publishable-keys", null);
        var second = (await byShop.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publishableKey").GetString()!;
        using var oldAfterFirst = await http.SendAsync(CheckoutTesting.Eligibility("pk-rotate", first, "buyer@example.com"));
        using var secondWorks = await http.SendAsync(CheckoutTesting.Eligibility("pk-rotate", second, "buyer@example.com"));
        using var byAdmin = await admin.PostAsync("/v1/shops/pk-rotate/publishable-keys", null);
        var third = (await byAdmin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publishableKey").GetString()!;
        using var oldAfterSecond = await http.SendAsync(CheckoutTesting.Eligibility("pk-rotate", second, "buyer@example.com"));
        using var thirdWorks = await http.SendAsync(CheckoutTesting.Eligibility("pk-rotate", third, "buyer@example.com"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (byShop.StatusCode, byAdmin.StatusCode));
        Assert.StartsWith("pk_", second, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, oldAfterFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondWorks.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oldAfterSecond.StatusCode);
        Assert.Equal(HttpStatusCode.OK, thirdWorks.StatusCode);
        Assert.Equal(third, (await shop.GetFromJsonAsync<JsonElement>("/v1/shops/pk-rotate")).GetProperty("checkout").GetProperty("publishableKey").GetString());
        Assert.Equal(HttpStatusCode.OK, (await shop.GetAsync("/v1/shops/pk-rotate")).StatusCode); // the API key is untouched
    }

    [Fact]
    public async Task A_publishable_key_cannot_sign_in_to_the_console()
    {
        var (_, publishableKey) = await CheckoutTesting.CreateAsync(Silo, "pk-console");

        Assert.Null(await Silo.Services.GetRequiredService<OrleansShop.Silo.Console.Authentication.ConsoleSignIn>().AuthenticateAsync(publishableKey, CancellationToken.None));
    }

    private static int StableHash(string text) => text.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)) % 100_000;
}
