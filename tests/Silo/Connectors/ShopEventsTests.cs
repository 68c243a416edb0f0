using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Connectors;

/// <summary>
/// A shop's endpoints hear of its orders: each (event, endpoint) signed as Standard Webhooks,
/// retried under one <c>webhook-id</c>, dead-lettered and replayed, to subscribed endpoints only.
/// </summary>
public sealed class ShopEventsTests : IAsyncLifetime
{
    private const string Email = "Jane.Saoirse+shop@gmail.com";
    private const string Phone = "+905321234567";
    private FakeEventEndpoints _site = null!;
    private ClusterScope _scope = null!;
    private HttpClient _admin = null!;
    private SignedPoster _post = null!;

    public async Task InitializeAsync()
    {
        _site = await FakeEventEndpoints.StartAsync();
        _scope = await ClusterScope.StartAsync(silos: 1);
        _admin = _scope.Cluster.Primary.CreateClient();
        var created = await _admin.PutAsJsonAsync("/v1/shops/demo", new { name = "Events shop", webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret } });
        created.EnsureSuccessStatusCode();
        _post = new SignedPoster(_scope.Cluster.Primary.CreateClient(bearer: null), "demo", SignedPoster.StandardSecret);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _scope.DisposeAsync();
        await _site.DisposeAsync();
    }

    /// <summary>The receiver's side of Standard Webhooks, written here rather than borrowed from the silo.</summary>
    private static bool Verifies(ReceivedEvent received, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{received.Id}.{received.Timestamp}.").Concat(received.Body).ToArray();
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        return received.Signature.Split(' ').Any(s => s == $"v1,{expected}")
            && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(received.Timestamp, System.Globalization.CultureInfo.InvariantCulture)) < 300;
    }

    private async Task<(string Id, string Secret)> SubscribeAsync(string name, params string[] events)
    {
        var answer = await _admin.PostAsJsonAsync("/v1/shops/demo/event-endpoints", new { url = _site.Url(name), events, description = $"endpoint {name}" });
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!);
    }

    private async Task ArriveAsync(string orderId)
    {
        var answer = await _post.StandardAsync(SignedPoster.Created(orderId, email: Email, phone: Phone));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    private static Task UntilAsync(Func<bool> condition, string what) => Eventually.TrueAsync(condition, what);

    [Fact]
    public async Task An_endpoint_receives_the_status_change_and_the_cod_verdict_of_an_order_posted_through_the_ingress_signed_with_its_secret()
    {
        var (_, secret) = await SubscribeAsync("orders", "order.status_changed", "order.cod_verdict");
        await SubscribeAsync("invoices", "invoice.issued");

        await ArriveAsync("5001");

        await UntilAsync(() => _site.At("orders").Count == 2, "the verdict and the arrival reach the endpoint");
        var received = _site.At("orders");
        Assert.All(received, e => Assert.True(Verifies(e, secret), "the signature verifies with the endpoint's secret"));
        Assert.Equal(2, received.Select(e => e.Id).Distinct().Count());
        var verdict = Assert.Single(received, e => e.Type == "order.cod_verdict").Json;
        Assert.True(verdict.GetProperty("data").GetProperty("verdict").GetProperty("allowed").GetBoolean());
        Assert.Equal(("demo", "5001"), (verdict.GetProperty("data").GetProperty("shopId").GetString(), verdict.GetProperty("data").GetProperty("orderId").GetString()));
        var arrived = Assert.Single(received, e => e.Type == "order.status_changed").Json;
        Assert.True(arrived.TryGetProperty("timestamp", out _));
        var data = arrived.GetProperty("data");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("from").ValueKind);
        Assert.Equal(("Confirmed", "order.created"), (data.GetProperty("to").GetString(), data.GetProperty("event").GetString()));

        await _post.StandardAsync(SignedPoster.Status("5001", "shipped"));

        await UntilAsync(() => _site.At("orders").Count == 3, "the shipment moves the order");
        var shipped = _site.At("orders")[2];
        Assert.True(Verifies(shipped, secret));
        Assert.Equal(("Confirmed", "Shipped"), (shipped.Json.GetProperty("data").GetProperty("from").GetString(), shipped.Json.GetProperty("data").GetProperty("to").GetString()));
        await _scope.Database.UntilEffectsSettledAsync();
        Assert.Empty(_site.At("invoices"));
        foreach (var e in _site.At("orders"))
        {
            var text = Encoding.UTF8.GetString(e.Body);
            Assert.DoesNotContain("saoirse", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("5321234567", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_endpoint_answering_503_twice_then_200_gets_three_attempts_under_one_webhook_id_while_a_failing_one_blocks_nothing()
    {
        var (_, secret) = await SubscribeAsync("flaky", "order.status_changed");
        await SubscribeAsync("down", "*");
        await SubscribeAsync("healthy", "*");
        _site.AnswerNext("flaky", 503, 503);
        _site.Answer("down", 503);

        await ArriveAsync("5002");

        await UntilAsync(() => _site.At("healthy").Count == 2, "the healthy endpoint gets both events while another keeps failing");
        await UntilAsync(() => _site.At("flaky").Count == 3, "the flaky endpoint is retried until it takes the event");
        var attempts = _site.At("flaky");
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        Assert.All(attempts, a => Assert.True(Verifies(a, secret)));
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));
        var order = await _admin.GetFromJsonAsync<JsonElement>("/v1/shops/demo/orders/5002");
        Assert.Equal("Confirmed", order.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_dead_lettered_and_replayed_through_the_admin_deliveries_api_it_is_delivered()
    {
        var (_, secret) = await SubscribeAsync("down", "order.status_changed");
        _site.Answer("down", 500);

        await ArriveAsync("5003");

        JsonElement dead = default;
        await Eventually.TrueAsync(async () =>
        {
            var items = (await _admin.GetFromJsonAsync<JsonElement>("/v1/admin/deliveries?state=dead&target=shop-callback")).GetProperty("items");
            dead = items.EnumerateArray().FirstOrDefault();
            return items.GetArrayLength() == 1;
        }, "the delivery is a dead letter after its last attempt");
        var tried = _site.At("down");
        Assert.Equal(4, tried.Count); // Dispatcher:MaxAttempts of the test cluster
        Assert.Equal(dead.GetProperty("idempotencyKey").GetString(), tried[0].Id);
        _site.Answer("down", 200);

        var retried = await _admin.PostAsync($"/v1/admin/deliveries/{dead.GetProperty("id").GetInt64()}/retry", null);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await UntilAsync(() => _site.At("down").Count == 5, "the replayed delivery arrives");
        var delivered = _site.At("down")[4];
        Assert.Equal(tried[0].Id, delivered.Id);
        Assert.True(Verifies(delivered, secret));
        await Eventually.TrueAsync(async () => (await _admin.GetFromJsonAsync<JsonElement>("/v1/admin/deliveries?state=dead&target=shop-callback")).GetProperty("items").GetArrayLength() == 0,
            "the delivered dead letter leaves the list");
    }

    [Fact]
    public async Task A_deleted_endpoint_gets_nothing_more()
    {
        var (id, _) = await SubscribeAsync("gone", "order.status_changed");
        await ArriveAsync("5004");
        await UntilAsync(() => _site.At("gone").Count == 1, "the arrival reaches the endpoint");

        var deleted = await _admin.DeleteAsync($"/v1/shops/demo/event-endpoints/{id}");
        await _post.StandardAsync(SignedPoster.Status("5004", "shipped"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/v1/shops/demo/event-endpoints/{id}")).StatusCode);
        await _scope.Database.UntilEffectsSettledAsync();
        Assert.Single(_site.At("gone"));
    }

    [Fact]
    public async Task Rotating_an_endpoints_secret_changes_the_signature()
    {
        var (id, first) = await SubscribeAsync("rotating", "order.status_changed");
        await ArriveAsync("5005");
        await UntilAsync(() => _site.At("rotating").Count == 1, "the arrival reaches the endpoint");

        var rotated = await (await _admin.PostAsync($"/v1/shops/demo/event-endpoints/{id}/secret", null)).Content.ReadFromJsonAsync<JsonElement>();
        var second = rotated.GetProperty("secret").GetString()!;
        await _post.StandardAsync(SignedPoster.Status("5005", "shipped"));

        await UntilAsync(() => _site.At("rotating").Count == 2, "the shipment reaches the endpoint");
        var (before, after) = (_site.At("rotating")[0], _site.At("rotating")[1]);
        Assert.NotEqual(first, second);
        Assert.True(Verifies(before, first));
        Assert.True(Verifies(after, second));
        Assert.False(Verifies(after, first), "the old secret signs nothing more");
    }
}
