using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Providers.TrustedShops;

/// <summary>
/// Providers:Mode=live: saving a shop's reviews settings asks Trusted Shops what its shop modules ask —
/// the certificate's state, type and shop url, the Excellence protection login and products — and
/// eTrusted for a token, and keeps the answer on the shop, each problem on the field to fix.
/// </summary>
public sealed class TrustedShopsAccountCheckTests : IAsyncLifetime
{
    private const string Tsid = "X0000000000000000000000000000A001";

    private FakeTrustedShopsAdmin _admin = null!;
    private FakeETrusted _etrusted = null!;
    private ClusterScope _scope = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _admin = await FakeTrustedShopsAdmin.StartAsync();
        _etrusted = await FakeETrusted.StartAsync();
        _scope = await ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?>
        {
            ["Providers:Mode"] = "live",
            ["TrustedShops:AdminAddress"] = _admin.ServiceAddress.ToString(),
            ["TrustedShops:LoginAddress"] = _etrusted.BaseAddress.ToString(),
            ["TrustedShops:ApiAddress"] = _etrusted.BaseAddress.ToString(),
        });
        _api = _scope.Cluster.Primary.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _scope.DisposeAsync();
        await _admin.DisposeAsync();
        await _etrusted.DisposeAsync();
    }

    private static object Shop(string tsid, string model = "excellence", string? url = "https://bolt.example", string password = TrustedShopsTesting.ProtectionPassword, string name = "Bolt") => new
    {
        name,
        url,
        webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
        reviews = new
        {
            enabled = true,
            tsid,
            model,
            clientId = TrustedShopsTesting.ClientId,
            clientSecret = TrustedShopsTesting.ClientSecret,
            channelId = TrustedShopsTesting.ChannelId,
            protectionUser = TrustedShopsTesting.ProtectionUser,
            protectionPassword = password,
        },
    };

    private async Task<(HttpStatusCode Status, JsonElement Check, string Body)> SaveAsync(string shopId, object shop)
    {
        var response = await _api.PutAsJsonAsync($"/v1/shops/{shopId}", shop);
        var body = await response.Content.ReadAsStringAsync();
        var root = JsonDocument.Parse(body).RootElement;
        return (response.StatusCode, (root.TryGetProperty("shop", out var created) ? created : root).GetProperty("reviewsCheck"), body);
    }

    private static Dictionary<string, string> Problems(JsonElement check) =>
        check.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("field").GetString()!, p => p.GetProperty("message").GetString()!);

    [Fact]
    public async Task Saving_an_excellence_shop_checks_certificate_login_and_client_once_and_keeps_the_products()
    {
        _admin.Register(Tsid, url: "www.bolt.example");

        var (status, check, _) = await SaveAsync("valid-shop", Shop(Tsid));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("valid", check.GetProperty("verdict").GetString());
        Assert.Empty(check.GetProperty("problems").EnumerateArray());
        var certificate = check.GetProperty("certificate");
        Assert.Equal(("PRODUCTION", "EXCELLENCE", "www.bolt.example", true),
            (certificate.GetProperty("state").GetString(), certificate.GetProperty("type").GetString(), certificate.GetProperty("url").GetString(), certificate.GetProperty("forShopUrl").GetBoolean()));
        var products = check.GetProperty("protectionProducts").EnumerateArray().ToList();
        Assert.Equal(["TS080501_500_30_EUR", "TS080501_2500_30_EUR", "TS080501_20000_30_EUR", "TS100629_1500_30_CHF"], products.Select(p => p.GetProperty("productId").GetString()));
        Assert.Equal(("2500.00", "4.12", "4.90", 30), (products[1].GetProperty("protectedAmount").GetString(), products[1].GetProperty("netFee").GetString(), products[1].GetProperty("grossFee").GetString(), products[1].GetProperty("protectionDays").GetInt32()));
        Assert.Equal(["checkCertificate", "checkLogin", "getProtectionItems"], _admin.Operations);
        Assert.Single(_etrusted.TokenRequests);
        var login = _admin.Received.Single(r => r.BodyText.Contains("checkLogin", StringComparison.Ordinal)).BodyText;
        Assert.Contains($"<wsUser>{TrustedShopsTesting.ProtectionUser}</wsUser>", login, StringComparison.Ordinal);

        var shop = await _api.GetFromJsonAsync<JsonElement>("/v1/shops/valid-shop");
        Assert.Equal("valid", shop.GetProperty("reviewsCheck").GetProperty("verdict").GetString());
        Assert.Equal("https://bolt.example", shop.GetProperty("url").GetString());

        var (_, again, _) = await SaveAsync("valid-shop", Shop(Tsid));
        Assert.Equal("valid", again.GetProperty("verdict").GetString());
        Assert.Equal(3, _admin.Operations.Count); // the same settings, already checked valid: Trusted Shops is not asked again
    }

    [Fact]
    public async Task A_certificate_for_another_shop_a_refused_login_and_a_refused_client_are_each_named_on_their_field()
    {
        const string tsid = "X0000000000000000000000000000A002";
        _admin.Register(tsid, url: "www.other-shop.example");
        _etrusted.AnswerNextTokenWith(401, """{"error":"invalid_client","error_description":"Invalid client credentials"}""");

        var (status, check, body) = await SaveAsync("refused-shop", Shop(tsid, password: "wrong-password"));

        Assert.Equal(HttpStatusCode.Created, status); // saved as given; the check says what needs the merchant
        Assert.Equal("invalid", check.GetProperty("verdict").GetString());
        var problems = Problems(check);
        Assert.Equal("The certificate is for www.other-shop.example, not for https://bolt.example.", problems["url"]);
        Assert.Equal("Trusted Shops refused the protection user and password (-10001).", problems["reviews.protectionPassword"]);
        Assert.Equal("eTrusted refused the client id and secret (401 invalid_client).", problems["reviews.clientSecret"]);
        Assert.DoesNotContain("wrong-password", body, StringComparison.Ordinal);
        TrustedShopsTesting.AssertNothingSecret(body);
    }

    [Theory]
    [InlineData("unknown", "PRODUCTION", "EXCELLENCE", "excellence", "reviews.tsid", "No certificate is allocated to this Trusted Shops ID (INVALID_TS_ID).")]
    [InlineData("cancelled", "CANCELLED", "EXCELLENCE", "excellence", "reviews.tsid", "The certificate has expired (CANCELLED).")]
    [InlineData("integration", "INTEGRATION", "CLASSIC", "classic", "reviews.tsid", "The shop is still being certified (INTEGRATION): its certificate is not live yet.")]
    [InlineData("classic", "PRODUCTION", "CLASSIC", "excellence", "reviews.model", "The certificate is CLASSIC: buyer protection at checkout needs an EXCELLENCE certificate; choose classic.")]
    public async Task A_certificate_that_cannot_serve_the_shop_is_refused_with_trusted_shops_reason(string shopId, string state, string type, string model, string field, string message)
    {
        var tsid = $"X00000000000000000000000000{shopId.Length:D2}B{shopId[..3].ToUpperInvariant()}";
        if (shopId != "unknown")
        {
            _admin.Register(tsid, state, type);
        }

        var (_, check, _) = await SaveAsync(shopId, Shop(tsid, model));

        Assert.Equal("invalid", check.GetProperty("verdict").GetString());
        Assert.Equal(message, Problems(check)[field]);
        Assert.Empty(check.GetProperty("protectionProducts").EnumerateArray());
    }

    [Fact]
    public async Task When_trusted_shops_does_not_answer_the_shop_is_saved_unreachable_and_checking_again_finds_it_valid()
    {
        const string tsid = "X0000000000000000000000000000A003";
        _admin.Register(tsid, url: "bolt.example");
        _admin.AnswerNextWith(503, "<html>Service Unavailable</html>");

        var (status, check, _) = await SaveAsync("later-shop", Shop(tsid));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("unreachable", check.GetProperty("verdict").GetString());
        var problem = check.GetProperty("problems").EnumerateArray().Single();
        Assert.Equal(("reviews.tsid", true), (problem.GetProperty("field").GetString(), problem.GetProperty("unreachable").GetBoolean()));
        Assert.Equal("Trusted Shops could not be asked about the certificate: checkCertificate answered 503.", problem.GetProperty("message").GetString());

        using var checkedAgain = await _api.PostAsync("/v1/shops/later-shop/reviews/check", null);
        Assert.Equal(HttpStatusCode.OK, checkedAgain.StatusCode);
        Assert.Equal("valid", (await checkedAgain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verdict").GetString());
        Assert.Equal("valid", (await _api.GetFromJsonAsync<JsonElement>("/v1/shops/later-shop")).GetProperty("reviewsCheck").GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Changing_the_reviews_settings_checks_them_again_and_other_sections_keep_the_check()
    {
        const string tsid = "X0000000000000000000000000000A004";
        _admin.Register(tsid, url: "www.bolt.example");
        var (_, first, _) = await SaveAsync("changing-shop", Shop(tsid));
        Assert.Equal("valid", first.GetProperty("verdict").GetString());
        var asked = _admin.Operations.Count;

        var (_, renamed, _) = await SaveAsync("changing-shop", Shop(tsid, name: "Bolt, renamed"));
        Assert.Equal(first.GetProperty("checkedAt").GetString(), renamed.GetProperty("checkedAt").GetString());
        Assert.Equal(asked, _admin.Operations.Count);

        var (_, changed, _) = await SaveAsync("changing-shop", Shop(tsid, password: "a-new-password"));

        Assert.Equal("invalid", changed.GetProperty("verdict").GetString());
        Assert.Contains("reviews.protectionPassword", Problems(changed).Keys);
    }
}
