using System.Net;
using System.Net.Http.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Console.Browser;

namespace OrleansShop.Tests.Silo.Console;

/// <summary>The console's session across a cluster: one key ring for every silo, forms that need their antiforgery token, a session that ends with its key.</summary>
public sealed class ConsoleSessionTests(ConsoleSessionTests.TwoSilos cluster) : IClassFixture<ConsoleSessionTests.TwoSilos>
{
    private readonly ClusterScope _scope = cluster.Scope;

    [Fact]
    public async Task A_session_signed_in_on_one_silo_opens_the_console_on_another_through_the_key_ring_in_the_database()
    {
        var (first, second) = (_scope.Cluster.Silos[0], _scope.Cluster.Silos[1]);
        var key = await ConsoleShops.CreateAsync(first, "across-silos");
        using var onFirst = new ConsoleClient(first.BaseAddress);
        var signedIn = await onFirst.SignInAsync(key);
        using var onSecond = new ConsoleClient(second.BaseAddress, Cookie(onFirst, first.BaseAddress, second.BaseAddress));

        var page = await onSecond.GetAsync("/console/shops/across-silos/orders");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(await _scope.Database.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys") > 0);
        Assert.Contains("<h1>Orders", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotating_the_shops_key_ends_the_merchants_session()
    {
        var silo = _scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "rotated");
        using var console = new ConsoleClient(silo.BaseAddress);
        await console.SignInAsync(key);
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/console/shops/rotated/orders")).StatusCode);

        using var admin = silo.CreateClient();
        (await admin.PostAsync("/v1/shops/rotated/api-keys", null)).EnsureSuccessStatusCode();
        var after = await console.GetAsync("/console/shops/rotated/orders");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/console?ReturnUrl=", Where(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var silo = _scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "forged");
        using var console = new ConsoleClient(silo.BaseAddress);
        await console.SignInAsync(key);

        var settings = await console.PostFormAsync("/console/shops/forged/settings", "reputation", new Dictionary<string, string> { ["Reputation.ThresholdPercent"] = "5" }, withToken: false);
        var signOut = await console.PostFormAsync("/console/shops/forged/orders", "sign-out", new Dictionary<string, string>(), withToken: false, action: "/console/sign-out");
        var signIn = await new ConsoleClient(silo.BaseAddress).PostFormAsync("/console", "sign-in", new Dictionary<string, string> { ["Form.Key"] = key }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, settings.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        using var api = silo.CreateClient(key);
        var shop = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/shops/forged");
        Assert.Equal(80, shop.GetProperty("reputation").GetProperty("thresholdPercent").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/console/shops/forged/orders")).StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_httponly_strict_and_scoped_to_the_console_and_the_key_is_never_in_a_url()
    {
        var silo = _scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, "cookie-shop");
        using var console = new ConsoleClient(silo.BaseAddress);

        var signedIn = await console.SignInAsync(key);

        var setCookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".OrleansShop.Console=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(key, Where(signedIn), StringComparison.Ordinal);
        Assert.Equal("/console/shops/cookie-shop/orders", Where(signedIn));
    }

    [Theory]
    [InlineData("//evil.example/console")]
    [InlineData("https://evil.example/console")]
    [InlineData("/consolex")]
    [InlineData("/console\\..\\x")]
    public async Task A_return_address_off_the_console_leads_to_the_console_instead(string returnUrl)
    {
        var silo = _scope.Cluster.Primary;
        var key = await ConsoleShops.CreateAsync(silo, $"return-{Math.Abs(returnUrl.GetHashCode(StringComparison.Ordinal)) % 100000}");
        using var console = new ConsoleClient(silo.BaseAddress);

        var signedIn = await console.PostFormAsync($"/console?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "sign-in", new Dictionary<string, string> { ["Form.Key"] = key });

        Assert.StartsWith("/console/shops/", Where(signedIn), StringComparison.Ordinal);
    }

    /// <summary>Where a redirect leads, as a path on this site.</summary>
    private static string Where(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location!.OriginalString;

    /// <summary>The session cookie of one silo's address, handed to a client of another (a gateway in front makes them one origin).</summary>
    private static CookieContainer Cookie(ConsoleClient from, Uri fromAddress, Uri toAddress)
    {
        var cookies = new CookieContainer();
        foreach (Cookie cookie in from.Cookies.GetCookies(new Uri(fromAddress, "/console")))
        {
            cookies.Add(new Uri(toAddress, "/console"), new Cookie(cookie.Name, cookie.Value, cookie.Path));
        }

        return cookies;
    }

    /// <summary>Two silos for the class: every test uses shops of its own.</summary>
    public sealed class TwoSilos : IAsyncLifetime
    {
        public ClusterScope Scope { get; private set; } = null!;

        public async Task InitializeAsync() => Scope = await ClusterScope.StartAsync(silos: 2);

        public async Task DisposeAsync() => await Scope.DisposeAsync();
    }
}
