using System.Net;
using System.Net.Http.Json;
using OrleansShop.Tests.Grains.Domain.Shops;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Observability;

/// <summary>
/// <c>GET /metrics</c> on a silo: Prometheus text whose counters move with the traffic sent. The silo
/// runs as a process of its own over PostgreSQL, as in production: metrics are process-wide, and the
/// test process hosts many silos at once.
/// </summary>
public sealed class MetricsTests(SiloOverPostgres silo) : IClassFixture<SiloOverPostgres>
{
    private readonly SiloOverPostgres _silo = silo;

    private HttpClient Client(string? bearer = SiloOverPostgres.AdminToken) => _silo.Client(bearer);

    private async Task<PrometheusText> ScrapeAsync()
    {
        using var http = Client(bearer: null);
        var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Webhooks_count_by_shop_profile_and_outcome_with_their_latency_and_refusals_by_status()
    {
        using var admin = Client();
        (await admin.PutAsJsonAsync("/v1/shops/metered", ShopsApiTests.Shop())).EnsureSuccessStatusCode();
        using var anonymous = Client(bearer: null);
        var poster = new SignedPoster(anonymous, "metered", SignedPoster.StandardSecret);
        var before = await ScrapeAsync();

        for (var i = 0; i < 3; i++)
        {
            (await poster.StandardAsync(SignedPoster.Created($"m-{i}", paymentMethod: "card"))).EnsureSuccessStatusCode();
        }

        await poster.StandardAsync(SignedPoster.Created("m-0", paymentMethod: "card"), messageId: "msg_repeat");
        await poster.StandardAsync(SignedPoster.Created("m-0", paymentMethod: "card"), messageId: "msg_repeat");
        Assert.Equal(HttpStatusCode.Unauthorized, (await new SignedPoster(anonymous, "metered", "whsec_" + Convert.ToBase64String(new byte[32])).StandardAsync(SignedPoster.Created("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await new SignedPoster(anonymous, "nobody", SignedPoster.StandardSecret).StandardAsync(SignedPoster.Created("x"))).StatusCode);

        const string received = "orleansshop_webhooks_received_total";
        PrometheusText after = null!;
        await Eventually.TrueAsync(async () => (after = await ScrapeAsync()).Sum(received, ("shop", "metered")) - before.Sum(received, ("shop", "metered")) == 6, "the six deliveries are counted");
        double Moved(params (string, string)[] labels) => after.Sum(received, labels) - before.Sum(received, labels);
        Assert.Equal(3, Moved(("shop", "metered"), ("profile", "standard"), ("outcome", "applied")));
        Assert.Equal(1, Moved(("shop", "metered"), ("outcome", "ignored"))); // the order exists already
        Assert.Equal(1, Moved(("shop", "metered"), ("outcome", "duplicate")));
        Assert.Equal(1, Moved(("shop", "metered"), ("outcome", "401")));
        Assert.Equal(1, Moved(("shop", "unknown"), ("outcome", "404")));
        Assert.True(after.Sum("orleansshop_webhooks_duration_seconds_count", ("profile", "standard")) >= 6);
        Assert.True(after.Sum("orleansshop_webhooks_duration_seconds_bucket", ("profile", "standard"), ("le", "0.25")) > 0, "the latency buckets are sized in seconds, not milliseconds");
    }

    [Fact]
    public async Task Checkout_lookups_provider_calls_and_orders_awaiting_an_sms_reply_are_measured_and_orleans_meters_are_exposed()
    {
        using var admin = Client();
        var created = await admin.PutAsJsonAsync("/v1/shops/checkout-metered", ShopsApiTests.Shop());
        var key = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString();
        using var shop = Client(key);
        using var anonymous = Client(bearer: null);

        (await shop.PostAsJsonAsync("/v1/shops/checkout-metered/cod-eligibility", new { email = "new.buyer@example.com" })).EnsureSuccessStatusCode();
        (await new SignedPoster(anonymous, "checkout-metered", SignedPoster.StandardSecret).StandardAsync(SignedPoster.Created("sms-1"))).EnsureSuccessStatusCode();

        PrometheusText metrics = null!;
        await Eventually.TrueAsync(
            async () => (metrics = await ScrapeAsync()).Sum("orleansshop_sms_awaiting_reply") >= 1
                && metrics.Sum("orleansshop_provider_calls_total", ("connector", "sms"), ("result", "delivered")) >= 1
                && metrics.Names.Any(name => name.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal))
                && metrics.Names.Any(name => name.StartsWith("db_client_", StringComparison.Ordinal)),
            "the order awaits its reply, its SMS went out through the sandbox gateway, and the requests are measured");
        Assert.Equal(1, metrics.Sum("orleansshop_checkout_lookups_total", ("shop", "checkout-metered"), ("verdict", "allowed")));
        Assert.Contains(metrics.Names, name => name.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains(metrics.Names, name => name.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal));
        Assert.Contains(metrics.Names, name => name.StartsWith("db_client_", StringComparison.Ordinal));
    }
}
