using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Console.Browser;

/// <summary>The settings page: the API's rules with their messages next to the field, write-only secrets, a section saved at a time.</summary>
[Collection(ConsoleBrowser.Collection)]
public sealed class SettingsPageTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task A_threshold_out_of_range_is_refused_next_to_its_field_and_a_valid_change_with_the_seeds_keys_is_saved_write_only()
    {
        var silo = browser.Scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "settings-shop", ConsoleShops.Shop("Kertész Webshop"));
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        var card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Cash-on-delivery reputation" }) });
        await Assertions.Expect(card.GetByLabel("Public API key")).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(card.Locator("#public-key-state")).ToHaveTextAsync("not set");

        await card.GetByLabel("Threshold (%)").FillAsync("150");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator("#threshold-error")).ToHaveTextAsync("reputation.thresholdPercent must be between 0 and 100.");
        using var api = silo.CreateClient(key);
        Assert.Equal(80, (await ShopAsync(api)).GetProperty("reputation").GetProperty("thresholdPercent").GetInt32());

        card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Cash-on-delivery reputation" }) });
        await card.GetByLabel("Public API key").FillAsync("pub-4f1c2a");
        await card.GetByLabel("Private API key").FillAsync("priv-9e7d3b-secret");
        await card.GetByLabel("Threshold (%)").FillAsync("70");
        await card.GetByLabel("Refuse cash on delivery below the threshold").UncheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(card.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Assertions.Expect(card.Locator("#public-key-state")).ToHaveTextAsync("set");
        await Assertions.Expect(card.Locator("#private-key-state")).ToHaveTextAsync("set");
        await Assertions.Expect(card.GetByLabel("Threshold (%)")).ToHaveValueAsync("70");
        Assert.DoesNotContain("priv-9e7d3b-secret", await page.ContentAsync(), StringComparison.Ordinal);
        var shop = await ShopAsync(api);
        Assert.Equal(70, shop.GetProperty("reputation").GetProperty("thresholdPercent").GetInt32());
        Assert.False(shop.GetProperty("reputation").GetProperty("blockCodBelowThreshold").GetBoolean());
        Assert.Contains("reputationProvider", shop.GetProperty("configuredCredentials").EnumerateArray().Select(c => c.GetString()));

        await Screenshots.TakeAsync(card, "console-settings");
    }

    [Fact]
    public async Task Saving_one_section_keeps_every_secret_and_every_other_section()
    {
        var silo = browser.Scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "keeps-secrets", new
        {
            name = "Keeps secrets",
            webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
            sms = new { enabled = true, keyword = "ONAY" },
            smsGateway = new { userCode = "8501234567", password = "gateway-password", msgHeader = "DEMO" },
        });
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);
        await page.GotoAsync("/console/shops/keeps-secrets/settings");

        var general = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Shop", Exact = true }) });
        await general.GetByLabel("Name").FillAsync("Keeps secrets, renamed");
        await general.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(general.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");

        var snapshot = await silo.Grains.GetGrain<OrleansShop.Grains.Shops.IShopGrain>("keeps-secrets").GetAsync();
        Assert.Equal("Keeps secrets, renamed", snapshot!.Settings.Name);
        Assert.Equal(SignedPoster.StandardSecret, snapshot.Settings.Webhooks.Secret);
        Assert.True(snapshot.Settings.Sms.Enabled);
        Assert.Equal("gateway-password", snapshot.Settings.Credentials["smsGateway"].GetProperty("password").GetString());
        Assert.Equal(OrleansShop.Grains.Shops.ShopDefaults.StatusMap, snapshot.Settings.StatusMap);
    }

    [Fact]
    public async Task The_mail_card_needs_a_sender_to_e_mail_buyers_and_keeps_the_smtp_password_write_only()
    {
        var silo = browser.Scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "mail-card", new { name = "Levelek", webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret } });
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);
        await page.GotoAsync("/console/shops/mail-card/settings");
        var card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Buyer e-mails" }) });

        await card.GetByLabel("E-mail buyers beside their SMS texts").CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator("#mail-from-error")).ToContainTextAsync("mail.from is required");
        Assert.False((await silo.Grains.GetGrain<OrleansShop.Grains.Shops.IShopGrain>("mail-card").GetAsync())!.Settings.Mail.Enabled);

        card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Buyer e-mails" }) });
        await card.GetByLabel("E-mail buyers beside their SMS texts").CheckAsync();
        await card.GetByLabel("Sender").FillAsync("Levelek Bolt <rendeles@levelek.example>");
        await card.GetByLabel("Host").FillAsync("smtp.levelek.example");
        await card.GetByLabel("User name").FillAsync("rendeles@levelek.example");
        await card.GetByLabel("Password").FillAsync("smtp-titok");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(card.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Assertions.Expect(card.GetByLabel("Sender")).ToHaveValueAsync("Levelek Bolt <rendeles@levelek.example>");
        Assert.DoesNotContain("smtp-titok", await page.ContentAsync(), StringComparison.Ordinal);
        var settings = (await silo.Grains.GetGrain<OrleansShop.Grains.Shops.IShopGrain>("mail-card").GetAsync())!.Settings;
        Assert.True(settings.Mail.Enabled);
        Assert.Equal(("smtp.levelek.example", "smtp-titok"), (settings.Credentials["mailServer"].GetProperty("host").GetString(), settings.Credentials["mailServer"].GetProperty("password").GetString()));
    }

    [Fact]
    public async Task The_write_back_card_needs_a_platform_profile_takes_the_platforms_statuses_and_keeps_its_secrets_write_only()
    {
        var silo = browser.Scope.Cluster.Primary;
        var standard = await ConsoleShops.CreateAsync(silo, "write-back-standard", new { name = "Standard", webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret } });
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, standard);
        await page.GotoAsync("/console/shops/write-back-standard/settings");
        var card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Platform write-back" }) });
        await card.GetByLabel("Write order facts back to the shop's platform (Shopify, WooCommerce, Ideasoft)").CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#write-back-enabled-error")).ToContainTextAsync("writeBack needs a shop platform");
        Assert.False((await silo.Grains.GetGrain<OrleansShop.Grains.Shops.IShopGrain>("write-back-standard").GetAsync())!.Settings.WriteBack.Enabled);

        var woo = await ConsoleShops.CreateAsync(silo, "write-back-woo", new { name = "Woo", webhooks = new { profile = "woocommerce", secret = "hush" } });
        page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, woo);
        await page.GotoAsync("/console/shops/write-back-woo/settings");
        card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Platform write-back" }) });
        await Assertions.Expect(card.GetByLabel("Confirmed", new() { Exact = true })).ToHaveValueAsync("processing"); // WooCommerce's own default
        await card.GetByLabel("Write order facts back to the shop's platform (Shopify, WooCommerce, Ideasoft)").CheckAsync();
        await card.GetByLabel("Held", new() { Exact = true }).FillAsync("");
        await card.GetByLabel("Store address").FillAsync("https://woo.example");
        await card.GetByLabel("Consumer key (WooCommerce)").FillAsync("ck_console");
        await card.GetByLabel("Consumer secret (WooCommerce)").FillAsync("cs_console_secret");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(card.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        Assert.DoesNotContain("cs_console_secret", await page.ContentAsync(), StringComparison.Ordinal);
        var settings = (await silo.Grains.GetGrain<OrleansShop.Grains.Shops.IShopGrain>("write-back-woo").GetAsync())!.Settings;
        Assert.True(settings.WriteBack.Enabled);
        Assert.Equal(("processing", null), (settings.WriteBack.StatusFor("woocommerce", "confirmed"), settings.WriteBack.StatusFor("woocommerce", "held")));
        Assert.Equal(("https://woo.example", "cs_console_secret"), (settings.Credentials["platformApi"].GetProperty("storeUrl").GetString(), settings.Credentials["platformApi"].GetProperty("consumerSecret").GetString()));
    }

    [Fact]
    public async Task The_reviews_card_saves_the_etrusted_event_type_and_refuses_checkout_next_to_its_field()
    {
        var silo = browser.Scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "event-type", new
        {
            name = "Event types",
            webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
            reviews = new { enabled = true, tsid = "X1234567890ABCDEF1234567890ABCDEF", clientSecret = "etrusted-secret" },
        });
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);
        await page.GotoAsync("/console/shops/event-type/settings");
        var card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Reviews and buyer protection" }) });
        await Assertions.Expect(card.GetByLabel("eTrusted event type")).ToHaveValueAsync("delivery");

        await card.GetByLabel("eTrusted event type").FillAsync("checkout");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator("#event-type-error")).ToHaveTextAsync(
            "reviews.eventType cannot be checkout, which eTrusted reserves: use the event type configured in the shop's eTrusted account, such as delivery.");
        Assert.Equal("delivery", (await silo.Grains.GetGrain<OrleansShop.Grains.Shops.IShopGrain>("event-type").GetAsync())!.Settings.Reviews.EventType);

        card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Reviews and buyer protection" }) });
        await card.GetByLabel("eTrusted event type").FillAsync("order-delivered");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(card.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Assertions.Expect(card.GetByLabel("eTrusted event type")).ToHaveValueAsync("order-delivered");
        var settings = (await silo.Grains.GetGrain<OrleansShop.Grains.Shops.IShopGrain>("event-type").GetAsync())!.Settings;
        Assert.Equal("order-delivered", settings.Reviews.EventType);
        Assert.Equal("etrusted-secret", settings.Credentials["reviews"].GetProperty("clientSecret").GetString());
    }

    [Fact]
    public async Task The_reviews_card_shows_what_trusted_shops_said_next_to_each_field_until_the_merchant_fixes_it()
    {
        var silo = browser.Scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "reviews-check", new
        {
            name = "Checked reviews",
            webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
            reviews = new
            {
                enabled = true,
                tsid = "X1234567890ABCDEF1234567890ABCDEF",
                model = "excellence",
                clientId = "client-7f3a",
                clientSecret = "etrusted-secret",
                channelId = "chl-b3c1d4e5-0000-4a1b-9c2d-0123456789ab",
            },
        });
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);
        await page.GotoAsync("/console/shops/reviews-check/settings");
        var check = page.GetByTestId("reviews-check");
        await Assertions.Expect(check.GetByTestId("reviews-verdict")).ToHaveTextAsync("needs attention");
        await Assertions.Expect(page.Locator("#shop-url-error")).ToHaveTextAsync("Set the shop's url: the certificate is checked against it.");
        await Assertions.Expect(page.Locator("#protection-user-error")).ToHaveTextAsync("Excellence buyer protection needs the protection user and password Trusted Shops issued with the certificate.");

        var general = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Shop", Exact = true }) });
        await general.GetByLabel("Shop address").FillAsync("https://checked-reviews.example");
        await general.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#shop-url-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#protection-user-error")).ToBeVisibleAsync();

        var reviews = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Reviews and buyer protection" }) });
        await Assertions.Expect(reviews.GetByLabel("Trusted Shops model")).ToHaveValueAsync("excellence"); // the saved model stays chosen, or saving the card would make it classic
        await reviews.GetByLabel("Buyer protection user").FillAsync("ws-user-1");
        await reviews.GetByLabel("Buyer protection password").FillAsync("ws-pass-1");
        await reviews.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("reviews-verdict")).ToHaveTextAsync("valid");
        await Assertions.Expect(page.GetByTestId("certificate")).ToHaveTextAsync("Certificate: PRODUCTION, EXCELLENCE, issued for https://checked-reviews.example.");
        await Assertions.Expect(page.GetByTestId("protection-products")).ToHaveTextAsync("6 buyer-protection products (EUR).");
        await Assertions.Expect(page.Locator("#protection-user-error")).ToHaveCountAsync(0);
        Assert.DoesNotContain("ws-pass-1", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merchant_changes_the_webhook_secret_sees_both_ages_and_cannot_change_the_profile()
    {
        var silo = browser.Scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "rotating", ConsoleShops.Shop("Rotating secrets"));
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);
        await page.GotoAsync("/console/shops/rotating/settings");
        var card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks" }) });
        await Assertions.Expect(card.GetByLabel("Platform")).ToBeDisabledAsync();
        await Assertions.Expect(card.GetByTestId("secret-ages")).ToContainTextAsync("Current secret set");
        await Assertions.Expect(card.GetByTestId("previous-secret")).ToHaveCountAsync(0);

        await card.GetByLabel("Webhook secret").FillAsync("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks" }) });
        await Assertions.Expect(card.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Assertions.Expect(card.GetByTestId("previous-secret")).ToContainTextAsync("is accepted until");
        var webhooks = (await silo.Grains.GetGrain<OrleansShop.Grains.Shops.IShopGrain>("rotating").GetAsync())!.Settings.Webhooks;
        Assert.Equal(("standard", SignedPoster.StandardSecret, 24), (webhooks.Profile, webhooks.PreviousSecret, webhooks.OverlapHours));
    }

    private static async Task<JsonElement> ShopAsync(HttpClient api) => await api.GetFromJsonAsync<JsonElement>(api.BaseAddress + "v1/shops/" + "settings-shop");

    [Fact]
    public async Task The_shipping_card_saves_the_labels_sender_and_refuses_a_bad_phone_next_to_its_field()
    {
        var silo = browser.Scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "label-sender", new
        {
            name = "Etiket Dükkanı",
            webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
            shipping = new { enabled = true },
        });
        var page = await browser.NewPageAsync();
        await ConsoleShops.SignInAsync(page, key);
        await page.GotoAsync("/console/shops/label-sender/settings");
        var card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Shipping", Exact = true }) });

        await card.GetByLabel("Street address").FillAsync("Moda Cad. No:12\nKat 3");
        await card.GetByLabel("City").FillAsync("Kadıköy / İstanbul");
        await card.GetByLabel("Country code").FillAsync("tr");
        await card.GetByLabel("Phone", new() { Exact = true }).FillAsync("call the shop");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator("#sender-phone-error")).ToContainTextAsync("shipping.sender.phone is a phone number");
        Assert.Null((await silo.Grains.GetGrain<OrleansShop.Grains.Shops.IShopGrain>("label-sender").GetAsync())!.Settings.Shipping.Sender);

        card = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Shipping", Exact = true }) });
        await card.GetByLabel("Phone", new() { Exact = true }).FillAsync("+90 216 555 01 23");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(card.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Assertions.Expect(card.GetByLabel("City")).ToHaveValueAsync("Kadıköy / İstanbul");
        var sender = (await silo.Grains.GetGrain<OrleansShop.Grains.Shops.IShopGrain>("label-sender").GetAsync())!.Settings.Shipping.Sender;
        Assert.Equal(new OrleansShop.Grains.Shops.ShippingSender(null, "Moda Cad. No:12\nKat 3", "Kadıköy / İstanbul", null, "TR", "+90 216 555 01 23"), sender);
    }
}
