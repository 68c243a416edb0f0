using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using OrleansShop.Gateway.Discovery;
using OrleansShop.Gateway.Hosting;
using OrleansShop.Tests.Grains.Domain.Shops;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Console;
using OrleansShop.Tests.Silo.Console.Browser;
using OrleansShop.Tests.Silo.Endpoints.Checkout;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Observability;
using OrleansShop.Tests.TestingHost;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace OrleansShop.Tests.Api;

/// <summary>The YARP gateway over a real two-silo cluster: discovery, affinity, untouched bodies, failover.</summary>
public sealed class GatewayTests : IAsyncLifetime, IDisposable
{
    private ClusterScope _scope = null!;
    private WebApplication _gateway = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _scope = await ClusterScope.StartAsync(silos: 2);
        (_gateway, _http) = await StartGatewayAsync();
    }

    /// <summary>A gateway over the test cluster; <paramref name="settings"/> override the fast defaults.</summary>
    private async Task<(WebApplication Gateway, HttpClient Http)> StartGatewayAsync(IDictionary<string, string?>? settings = null, int? silos = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _scope.Database.ConnectionString,
            ["Cluster:ServiceId"] = "test",
            ["Gateway:RefreshInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var gateway = GatewayApplication.Create(["--urls", "http://127.0.0.1:0"], builder => builder.Configuration.AddInMemoryCollection(configuration));
        await gateway.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(gateway.Urls.First()) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestSilo.AdminToken);
        await Eventually.TrueAsync(() => gateway.Services.GetRequiredService<SiloDiscovery>().Destinations.Count == (silos ?? _scope.Cluster.Silos.Count), "the gateway finds the silos");
        return (gateway, http);
    }

    public void Dispose() => _http.Dispose();

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _scope.DisposeAsync();
    }

    private static string Silo(HttpResponseMessage response) => response.Headers.GetValues("X-OrleansShop-Silo").Single();

    [Fact]
    public async Task Each_shops_requests_go_to_one_silo_and_shops_spread_over_both()
    {
        var servedBy = new Dictionary<string, string>();
        for (var i = 0; i < 20; i++)
        {
            var shop = $"shop-{i}";
            Assert.Equal(HttpStatusCode.Created, (await _http.PutAsJsonAsync($"/v1/shops/{shop}", ShopsApiTests.Shop())).StatusCode);
            var silos = new HashSet<string>();
            for (var n = 0; n < 3; n++)
            {
                silos.Add(Silo(await _http.GetAsync($"/v1/shops/{shop}")));
            }

            servedBy[shop] = Assert.Single(silos);
        }

        Assert.Equal(2, servedBy.Values.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task The_console_signs_in_and_serves_its_pages_through_the_gateway_whichever_silo_answers()
    {
        var key = await ConsoleShops.CreateAsync(_scope.Cluster.Primary, "console-through");
        using var console = new ConsoleClient(_http.BaseAddress!);

        var signedIn = await console.SignInAsync(key);
        var pages = new List<HttpResponseMessage>();
        foreach (var path in new[] { "/console/shops/console-through/orders", "/console/shops/console-through/settings", "/console/shops" })
        {
            pages.Add(await console.GetAsync(path));
        }

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound], pages.Select(p => p.StatusCode));
        Assert.Equal("/console", (await console.GetAsync("/")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_signed_webhook_passes_through_untouched_and_a_body_over_256_KiB_is_refused_at_the_gateway()
    {
        await _http.PutAsJsonAsync("/v1/shops/demo", ShopsApiTests.Shop());
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        var post = new SignedPoster(anonymous, "demo", SignedPoster.StandardSecret);

        var signed = await post.StandardAsync(SignedPoster.Created("through-the-gateway"));
        var huge = await anonymous.PostAsync("/v1/shops/demo/webhooks", new ByteArrayContent(new byte[300 * 1024]));

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task After_a_silo_is_killed_its_shops_are_served_by_the_other_within_the_failover_bound()
    {
        await _http.PutAsJsonAsync("/v1/shops/survivor", ShopsApiTests.Shop());
        var before = Silo(await _http.GetAsync("/v1/shops/survivor"));
        var doomed = _scope.Cluster.Silos.Single(s => s.SiloId == before);

        var clock = Stopwatch.StartNew();
        await _scope.Cluster.KillSiloAsync(doomed);
        HttpResponseMessage after = null!;
        await Eventually.TrueAsync(async () => (after = await _http.GetAsync("/v1/shops/survivor")).StatusCode == HttpStatusCode.OK, "the other silo serves the shop", TimeSpan.FromSeconds(20));
        clock.Stop();

        Assert.NotEqual(before, Silo(after));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"failover took {clock.Elapsed}");

        // The refused connection was forwarded at once; discovery drops the silo once its heartbeat is stale.
        await Eventually.TrueAsync(() => _gateway.Services.GetRequiredService<SiloDiscovery>().Destinations.Count == 1, "Orleans declares the killed silo dead and the gateway drops it", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task An_orders_requests_go_to_one_silo_and_one_shops_orders_spread_over_both()
    {
        var servedBy = new Dictionary<string, string>();
        for (var i = 0; i < 20; i++)
        {
            var silos = new HashSet<string>();
            for (var n = 0; n < 3; n++)
            {
                silos.Add(Silo(await _http.GetAsync($"/v1/shops/one-shop/orders/order-{i}")));
            }

            servedBy[$"order-{i}"] = Assert.Single(silos);
        }

        Assert.Equal(2, servedBy.Values.Distinct().Count());
    }

    [Fact]
    public async Task A_shop_over_its_gateway_rate_is_answered_429_problem_at_the_gateway_while_other_shops_and_admin_routes_are_not()
    {
        var (gateway, http) = await StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:RateLimit:PermitsPerSecond"] = "1", ["Gateway:RateLimit:Burst"] = "3" });
        await using var _ = gateway;
        using var __ = http;

        // Twenty at once: the burst of three passes, and at most a few more as the bucket refills.
        var busy = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => http.GetAsync("/v1/shops/busy")));

        var limited = busy.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(limited.Count, 10, 17);
        Assert.All(limited, r =>
        {
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(r.Headers.RetryAfter);
            Assert.False(r.Headers.Contains("X-OrleansShop-Silo")); // refused at the door, no silo saw it
        });
        Assert.Contains("/problems/rate-limited", await limited[0].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await http.GetAsync("/v1/shops/quiet")).StatusCode);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/admin/silos")).StatusCode);
        }
    }

    [Fact]
    public async Task The_checkout_snippet_passes_through_the_gateway_and_its_publishable_key_spends_none_of_the_shops_rate_there()
    {
        var (gateway, http) = await StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:RateLimit:PermitsPerSecond"] = "1", ["Gateway:RateLimit:Burst"] = "3" });
        await using var _ = gateway;
        using var __ = http;
        var created = await (await http.PutAsJsonAsync("/v1/shops/gateway-snippet", CheckoutTesting.Shop("https://bolt.example"))).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var publishableKey = created.GetProperty("shop").GetProperty("checkout").GetProperty("publishableKey").GetString()!;
        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };

        using var script = await anonymous.GetAsync("/checkout/cod.js");
        using var preflight = await anonymous.SendAsync(CheckoutTesting.Preflight("gateway-snippet", "https://bolt.example"));
        var storefront = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            using var answer = await anonymous.SendAsync(CheckoutTesting.Eligibility("gateway-snippet", publishableKey, $"buyer{i}@example.com", "https://bolt.example"));
            storefront.Add(answer.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("https://bolt.example", Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains(HttpStatusCode.OK, storefront);
        Assert.Contains(HttpStatusCode.TooManyRequests, storefront); // the storefront's own bucket at the gateway
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/shops/gateway-snippet")).StatusCode); // the shop's own is untouched
    }

    [Fact]
    public async Task An_unsigned_flood_through_the_gateway_spends_none_of_the_shops_rate_there()
    {
        var (gateway, http) = await StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:RateLimit:PermitsPerSecond"] = "1", ["Gateway:RateLimit:Burst"] = "3" });
        await using var _ = gateway;
        using var __ = http;
        await http.PutAsJsonAsync("/v1/shops/gateway-flood", ShopsApiTests.Shop());
        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };
        var forger = new SignedPoster(anonymous, "gateway-flood", "whsec_" + Convert.ToBase64String(new byte[32]));

        var flood = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            flood.Add((await forger.StandardAsync(SignedPoster.Created($"forged-{i}"))).StatusCode);
        }

        var genuine = await new SignedPoster(anonymous, "gateway-flood", SignedPoster.StandardSecret).StandardAsync(SignedPoster.Created("real"));

        Assert.DoesNotContain(HttpStatusCode.OK, flood);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task The_gateway_answers_its_own_metrics_in_prometheus_text_without_forwarding()
    {
        await _http.GetAsync("/v1/admin/silos");

        var response = await _http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-OrleansShop-Silo"));
        var metrics = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(metrics.Names, name => name.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal));
        Assert.Contains(metrics.Names, name => name.StartsWith("http_client_request_duration_seconds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_silo_failing_readiness_is_taken_out_by_the_active_health_check_and_taken_back_when_ready()
    {
        // Membership alone would keep routing to it for a minute: only the /readyz probe can move the shop.
        var (gateway, http) = await StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:ProbeInterval"] = "00:00:00.500", ["Gateway:ProbeTimeout"] = "00:00:00.500" });
        await using var _ = gateway;
        using var __ = http;
        await http.PutAsJsonAsync("/v1/shops/sick", ShopsApiTests.Shop());
        var before = Silo(await http.GetAsync("/v1/shops/sick"));
        var sick = _scope.Cluster.Silos.Single(s => s.SiloId == before);

        sick.DatabaseProxy.Cut();
        HttpResponseMessage moved = null!;
        await Eventually.TrueAsync(async () => (moved = await http.GetAsync("/v1/shops/sick")).StatusCode == HttpStatusCode.OK && Silo(moved) != before, "the healthy silo serves the shop", TimeSpan.FromSeconds(30));

        sick.DatabaseProxy.Restore();
        await Eventually.TrueAsync(async () => Silo(await http.GetAsync("/v1/shops/sick")) == before, "the shop returns to its silo once it is ready", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_refused_connection_is_forwarded_to_the_next_silo_so_a_killed_silo_costs_no_error_and_is_marked_unhealthy()
    {
        // Neither discovery nor probes notice the death during this test: the retry and the passive check must.
        var (gateway, http) = await StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:RefreshInterval"] = "00:01:00", ["Gateway:ProbeInterval"] = "00:01:00", ["Gateway:ProbeTimeout"] = "00:00:01" });
        await using var _ = gateway;
        using var __ = http;
        await http.PutAsJsonAsync("/v1/shops/victim", ShopsApiTests.Shop());
        var doomedId = Silo(await http.GetAsync("/v1/shops/victim"));
        var doomed = _scope.Cluster.Silos.Single(s => s.SiloId == doomedId);

        await _scope.Cluster.KillSiloAsync(doomed);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 15; i++)
        {
            responses.Add(await http.GetAsync("/v1/shops/victim"));
        }

        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };
        responses.Add(await new SignedPoster(anonymous, "victim", SignedPoster.StandardSecret).StandardAsync(SignedPoster.Created("after-the-kill")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(responses, r => Assert.NotEqual(doomedId, Silo(r)));
        Assert.Equal(2, gateway.Services.GetRequiredService<SiloDiscovery>().Destinations.Count);
        Assert.True(gateway.Services.GetRequiredService<IProxyStateLookup>().TryGetCluster(GatewayRoutes.ClusterId, out var cluster));
        Assert.Equal(DestinationHealth.Unhealthy, cluster.Destinations[doomedId].Health.Passive);
        var health = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/healthz");
        Assert.Equal((2, 1), (health.GetProperty("silos").GetInt32(), health.GetProperty("healthy").GetInt32()));
        Assert.False(health.GetProperty("destinations").EnumerateArray().Single(d => d.GetProperty("siloId").GetString() == doomedId).GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public async Task A_silo_dying_mid_request_costs_a_read_or_a_webhook_nothing_but_a_put_is_answered_502()
    {
        await using var dying = new DyingSilo();
        // A silo that Orleans still counts as active, serving HTTP at the dying address.
        await _scope.Database.ExecuteAsync(
            $"""
            INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
            VALUES ('test', '127.0.0.2', 1, 1, 'dying', 'dying', 3, 0, now(), now());
            INSERT INTO silo_endpoints (cluster_id, address, port, generation, http_url, updated_at) VALUES ('test', '127.0.0.2', 1, 1, '{dying.Address}', now());
            """);
        var (gateway, http) = await StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:ReactivationPeriod"] = "00:00:00.100" }, silos: 3);
        await using var _ = gateway;
        using var __ = http;
        await Eventually.TrueAsync(async () => (await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/healthz")).GetProperty("healthy").GetInt32() == 3, "the gateway trusts all three");
        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };

        // First a PUT, before the passive check has seen enough failures to put the dying silo aside.
        var put = HttpStatusCode.OK;
        for (var i = 0; i < 30 && put != HttpStatusCode.BadGateway; i++)
        {
            put = (await http.PutAsJsonAsync($"/v1/shops/unlucky-{i}", ShopsApiTests.Shop())).StatusCode;
        }

        var droppedPuts = dying.Dropped;
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            while ((await http.PutAsJsonAsync($"/v1/shops/steady-{i}", ShopsApiTests.Shop())).StatusCode == HttpStatusCode.BadGateway)
            {
                // as a client retries a cut-off PUT
            }

            answers.Add(await http.GetAsync($"/v1/shops/steady-{i}"));
            answers.Add(await new SignedPoster(anonymous, $"steady-{i}", SignedPoster.StandardSecret).StandardAsync(SignedPoster.Created($"o-{i}")));
            answers.Add(await http.GetAsync($"/v1/shops/steady-{i}/orders/o-{i}"));
        }

        var dropped = dying.Dropped - droppedPuts;
        Assert.True(dropped > 0, "the dying silo was picked for some reads or webhooks");
        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.OK, $"{a.RequestMessage!.Method} {a.RequestMessage.RequestUri} answered {a.StatusCode}"));
        Assert.Equal(HttpStatusCode.BadGateway, put); // a PUT cut off mid-way is the client's to retry
    }
}
