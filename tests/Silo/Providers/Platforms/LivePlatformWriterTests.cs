using OrleansShop.Effects;
using OrleansShop.Silo.Providers;
using OrleansShop.Silo.Providers.Platforms;
using OrleansShop.Silo.Providers.Platforms.Ideasoft;
using OrleansShop.Silo.Providers.Platforms.Shopify;
using OrleansShop.Silo.Providers.Platforms.WooCommerce;
using static OrleansShop.Tests.Silo.Providers.Platforms.PlatformTesting;

namespace OrleansShop.Tests.Silo.Providers.Platforms;

public sealed class LivePlatformWriterTests : IAsyncLifetime
{
    private FakeShopify _shopify = null!;
    private FakeWooCommerce _woo = null!;
    private FakeIdeasoft _ideasoft = null!;

    public async Task InitializeAsync()
    {
        _shopify = await FakeShopify.StartAsync();
        _woo = await FakeWooCommerce.StartAsync();
        _ideasoft = await FakeIdeasoft.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _shopify.DisposeAsync();
        await _woo.DisposeAsync();
        await _ideasoft.DisposeAsync();
    }

    private static LivePlatformWriter Writer()
    {
        var options = Options();
        return new(new ShopifyAdminClient(Http, options), new WooCommerceClient(Http, options), new IdeasoftClient(Http, options));
    }

    private static Task<DeliveryOutcome> WriteAsync(PlatformAccount account, string? status = "approved") =>
        Writer().WriteAsync(account, Update(tags: ["cod-confirmed"], status: status), CancellationToken.None);

    private int CallsMade => _shopify.Received.Count + _woo.Received.Count + _ideasoft.Received.Count;

    [Fact]
    public async Task A_shopify_account_is_written_through_Shopifys_GraphQL_API_and_no_other()
    {
        _shopify.AddOrder(1001);

        var outcome = await WriteAsync(new PlatformAccount("shopify", _shopify.BaseAddress, AccessToken: FakeShopify.AccessToken));

        Assert.Equal("""{"platform":"shopify","written":["tags","note"]}""", outcome.Response);
        Assert.Equal((3, 0, 0), (_shopify.Received.Count, _woo.Received.Count, _ideasoft.Received.Count));
    }

    [Fact]
    public async Task A_woocommerce_account_is_written_through_the_WooCommerce_REST_API_and_no_other()
    {
        _woo.AddOrder(1001, "processing");

        var outcome = await WriteAsync(new PlatformAccount("woocommerce", _woo.BaseAddress, ConsumerKey: FakeWooCommerce.ConsumerKey, ConsumerSecret: FakeWooCommerce.ConsumerSecret), status: "completed");

        Assert.Equal("""{"platform":"woocommerce","written":["status","note"]}""", outcome.Response);
        Assert.Equal((0, 4, 0), (_shopify.Received.Count, _woo.Received.Count, _ideasoft.Received.Count));
    }

    [Fact]
    public async Task An_ideasoft_account_is_written_through_Ideasofts_admin_API_and_no_other()
    {
        _ideasoft.AddOrder(1001);

        var outcome = await WriteAsync(new PlatformAccount("ideasoft", _ideasoft.BaseAddress, AccessToken: FakeIdeasoft.AccessToken));

        Assert.Equal("""{"platform":"ideasoft","written":["status"]}""", outcome.Response);
        Assert.Equal((0, 0, 2), (_shopify.Received.Count, _woo.Received.Count, _ideasoft.Received.Count));
    }

    [Theory]
    [InlineData("magento")]
    [InlineData("")]
    [InlineData("Shopify ")]
    public async Task An_unknown_platform_is_permanent_and_names_webhooks_profile(string platform)
    {
        var outcome = await WriteAsync(new PlatformAccount(platform, _shopify.BaseAddress, AccessToken: FakeShopify.AccessToken));

        AssertPermanent(outcome, "webhooks.profile must be shopify, woocommerce or ideasoft");
        Assert.Equal(0, CallsMade);
    }

    [Theory]
    [InlineData("shopify")]
    [InlineData("woocommerce")]
    [InlineData("ideasoft")]
    public async Task A_missing_store_address_is_permanent_and_names_platformApi_storeUrl(string platform)
    {
        var outcome = await WriteAsync(new PlatformAccount(platform, null, "token", "ck", "cs"));

        AssertPermanent(outcome, "set platformApi.storeUrl");
        Assert.Equal(0, CallsMade);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("ftp://demo.myshopify.com/")]
    [InlineData("https://demo.myshopify.com/?shop=demo")]
    public async Task An_unusable_store_address_is_permanent_and_says_what_it_must_be(string address)
    {
        var outcome = await WriteAsync(new PlatformAccount("shopify", new Uri(address, UriKind.RelativeOrAbsolute), AccessToken: FakeShopify.AccessToken));

        AssertPermanent(outcome, $"platformApi.storeUrl {ProviderAddress.Requirement}");
        Assert.Equal(0, CallsMade);
    }

    [Theory]
    [InlineData("shopify", null)]
    [InlineData("shopify", " ")]
    [InlineData("ideasoft", null)]
    [InlineData("ideasoft", "")]
    public async Task A_missing_access_token_is_permanent_and_names_platformApi_accessToken(string platform, string? token)
    {
        var outcome = await WriteAsync(new PlatformAccount(platform, _shopify.BaseAddress, token, "ck_unused", "cs_unused"));

        AssertPermanent(outcome, "set platformApi.accessToken.");
        Assert.Equal(0, CallsMade);
    }

    [Theory]
    [InlineData(null, "cs_1", "set platformApi.consumerKey.")]
    [InlineData("ck_1", null, "set platformApi.consumerSecret.")]
    [InlineData("ck_1", " ", "set platformApi.consumerSecret.")]
    [InlineData(null, null, "set platformApi.consumerKey and platformApi.consumerSecret.")]
    public async Task Missing_WooCommerce_credentials_are_permanent_and_name_the_missing_fields(string? key, string? secret, string named)
    {
        var outcome = await WriteAsync(new PlatformAccount("woocommerce", _woo.BaseAddress, "unused-token", key, secret));

        AssertPermanent(outcome, named);
        Assert.Equal(0, CallsMade);
    }

    [Fact]
    public void An_account_prints_without_its_secrets()
    {
        string[] printed =
        [
            new PlatformAccount("shopify", new Uri("https://demo.myshopify.com"), AccessToken: FakeShopify.AccessToken).ToString(),
            new PlatformAccount("woocommerce", new Uri("https://shop.example"), ConsumerKey: FakeWooCommerce.ConsumerKey, ConsumerSecret: FakeWooCommerce.ConsumerSecret).ToString(),
            new PlatformAccount("ideasoft", new Uri("https://demo.myideasoft.com"), AccessToken: FakeIdeasoft.AccessToken).ToString(),
        ];

        foreach (var secret in new[] { FakeShopify.AccessToken, FakeWooCommerce.ConsumerSecret, FakeIdeasoft.AccessToken })
        {
            Assert.All(printed, p => Assert.DoesNotContain(secret, p, StringComparison.Ordinal));
        }

        Assert.Contains("AccessToken = (hidden)", printed[0], StringComparison.Ordinal);
        Assert.Contains("ConsumerSecret = (hidden)", printed[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_outcome_repeats_a_secret_even_when_the_platform_echoes_it()
    {
        await using var echo = await EchoServer.StartAsync($$"""{"message":"consumer secret {{FakeWooCommerce.ConsumerSecret}} is not valid for key {{FakeWooCommerce.ConsumerKey}}"}""");

        var outcome = await WriteAsync(new PlatformAccount("woocommerce", echo.BaseAddress, ConsumerKey: FakeWooCommerce.ConsumerKey, ConsumerSecret: FakeWooCommerce.ConsumerSecret));

        AssertPermanent(outcome, "HTTP 401");
        Assert.DoesNotContain(FakeWooCommerce.ConsumerSecret, outcome.ToString(), StringComparison.Ordinal);
        Assert.Contains("consumer secret (hidden)", outcome.Error, StringComparison.Ordinal);
    }

    /// <summary>A platform that answers 401 and quotes the credentials back, as no real one should.</summary>
    private sealed class EchoServer : Infrastructure.FakeProviderServer
    {
        private EchoServer(string body)
            : base(401, body, "application/json")
        {
        }

        public static async Task<EchoServer> StartAsync(string body)
        {
            var server = new EchoServer(body);
            await server.StartServerAsync();
            return server;
        }
    }
}
