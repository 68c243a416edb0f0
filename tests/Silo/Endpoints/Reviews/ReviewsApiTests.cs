using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.TrustedShops;

namespace OrleansShop.Tests.Silo.Endpoints.Reviews;

/// <summary>
/// The embedded default's sandbox Trusted Shops: a shop's reviews settings are checked as they are
/// saved, and a storefront asks which buyer-protection product fits its basket — answered from the
/// products the check found, with the shop's own key.
/// </summary>
public sealed class ReviewsApiTests(OneSilo silo) : IClassFixture<OneSilo>
{
    private const string Tsid = "X1234567890ABCDEF1234567890ABCDEF";

    private HttpClient Admin() => silo.Scope.Cluster.Primary.CreateClient();

    private static object Shop(string model = "excellence", string? url = "https://kertesz.example", bool enabled = true, string? protectionUser = TrustedShopsTesting.ProtectionUser) => new
    {
        name = "Kertész",
        url,
        webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
        reviews = new
        {
            enabled,
            tsid = Tsid,
            model,
            clientId = TrustedShopsTesting.ClientId,
            clientSecret = TrustedShopsTesting.ClientSecret,
            channelId = TrustedShopsTesting.ChannelId,
            protectionUser,
            protectionPassword = protectionUser is null ? null : TrustedShopsTesting.ProtectionPassword,
        },
    };

    /// <summary>Creates the shop and answers its key and what the check said.</summary>
    private async Task<(string Key, JsonElement Check)> CreateAsync(string shopId, object shop)
    {
        using var admin = Admin();
        var response = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", shop);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("apiKey").GetString()!, body.GetProperty("shop").GetProperty("reviewsCheck"));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> OfferAsync(string shopId, string key, object body)
    {
        using var client = silo.Scope.Cluster.Primary.CreateClient(key);
        var response = await client.PostAsJsonAsync($"/v1/shops/{shopId}/buyer-protection", body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static object Basket(string amount, string currency = "EUR") => new { total = new { amount, currency } };

    [Fact]
    public async Task An_excellence_shop_is_checked_valid_with_the_sandbox_certificates_products()
    {
        var (_, check) = await CreateAsync("sandbox-valid", Shop());

        Assert.Equal("valid", check.GetProperty("verdict").GetString());
        Assert.Equal(("PRODUCTION", "EXCELLENCE", "https://kertesz.example"),
            (check.GetProperty("certificate").GetProperty("state").GetString(), check.GetProperty("certificate").GetProperty("type").GetString(), check.GetProperty("certificate").GetProperty("url").GetString()));
        Assert.Equal(6, check.GetProperty("protectionProducts").GetArrayLength());
    }

    [Fact]
    public async Task What_the_settings_lack_is_named_on_its_field_before_anyone_is_asked()
    {
        var (_, check) = await CreateAsync("sandbox-lacking", Shop(url: null, protectionUser: null));

        Assert.Equal("invalid", check.GetProperty("verdict").GetString());
        var problems = check.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("field").GetString()!, p => p.GetProperty("message").GetString());
        Assert.Equal("Set the shop's url: the certificate is checked against it.", problems["url"]);
        Assert.Equal("Excellence buyer protection needs the protection user and password Trusted Shops issued with the certificate.", problems["reviews.protectionUser"]);
    }

    [Theory]
    [InlineData("129.90", "EUR", "TS080501_500_30_EUR", true, "0.98")]
    [InlineData("500.00", "EUR", "TS080501_500_30_EUR", true, "0.98")]
    [InlineData("500.01", "EUR", "TS080501_1500_30_EUR", true, "2.94")]
    [InlineData("19999.99", "EUR", "TS080501_20000_30_EUR", true, "39.20")]
    [InlineData("25000", "EUR", "TS080501_20000_30_EUR", false, "39.20")]
    public async Task The_storefront_is_offered_the_smallest_product_covering_the_basket_or_the_largest_when_none_does(string amount, string currency, string product, bool covers, string grossFee)
    {
        var shopId = $"offer-{amount.Replace('.', '-')}";
        var (key, _) = await CreateAsync(shopId, Shop());

        var (status, offer) = await OfferAsync(shopId, key, Basket(amount, currency));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(offer.GetProperty("offered").GetBoolean());
        Assert.Equal((product, covers, grossFee), (offer.GetProperty("product").GetProperty("productId").GetString(), offer.GetProperty("coversTotal").GetBoolean(), offer.GetProperty("product").GetProperty("grossFee").GetString()));
        Assert.Single(offer.GetProperty("reasons").EnumerateArray());
    }

    [Fact]
    public async Task No_product_is_offered_in_another_currency_for_a_classic_shop_or_while_the_check_is_not_valid()
    {
        var (excellence, _) = await CreateAsync("no-offer-huf", Shop());
        var (classic, _) = await CreateAsync("no-offer-classic", Shop(model: "classic"));
        var (lacking, _) = await CreateAsync("no-offer-lacking", Shop(url: null));

        var answers = new[]
        {
            await OfferAsync("no-offer-huf", excellence, Basket("12990", "HUF")),
            await OfferAsync("no-offer-classic", classic, Basket("129.90")),
            await OfferAsync("no-offer-lacking", lacking, Basket("129.90")),
        };

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, false), (a.Status, a.Body.GetProperty("offered").GetBoolean())));
        Assert.Equal(
            [
                "The certificate sells no buyer protection in HUF.",
                "Buyer protection at checkout is for Excellence shops; this shop's reviews model is classic.",
                "The shop's Trusted Shops settings are not checked valid (invalid): see reviewsCheck in GET /v1/shops/no-offer-lacking.",
            ],
            answers.Select(a => a.Body.GetProperty("reasons")[0].GetString()));
    }

    [Theory]
    [InlineData("""{}""", "total")]
    [InlineData("""{"total":{"amount":"12,90","currency":"EUR"}}""", "total.amount")]
    [InlineData("""{"total":{"amount":"-1","currency":"EUR"}}""", "total.amount")]
    [InlineData("""{"total":{"amount":"12.90","currency":"eur"}}""", "total.currency")]
    public async Task A_basket_that_is_not_one_is_refused_naming_the_field(string body, string field)
    {
        var (key, _) = await CreateAsync($"bad-basket-{field.Replace('.', '-')}-{body.Length}", Shop());
        using var client = silo.Scope.Cluster.Primary.CreateClient(key);

        var response = await client.PostAsync($"/v1/shops/bad-basket-{field.Replace('.', '-')}-{body.Length}/buyer-protection", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Another_shops_key_sees_no_offer_and_a_shop_without_reviews_cannot_be_checked()
    {
        var (_, _) = await CreateAsync("offer-owner", Shop());
        var (otherKey, _) = await CreateAsync("offer-other", Shop(enabled: false));

        var (status, _) = await OfferAsync("offer-owner", otherKey, Basket("129.90"));
        using var other = silo.Scope.Cluster.Primary.CreateClient(otherKey);
        var check = await other.PostAsync("/v1/shops/offer-other/reviews/check", null);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(HttpStatusCode.BadRequest, check.StatusCode);
        Assert.True((await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reviews.enabled", out _));
    }
}
