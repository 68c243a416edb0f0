using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansShop.Tests.Grains.Domain.Shops;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;

namespace OrleansShop.Tests.Silo.Endpoints.Webhooks;

public sealed class WebhookIngressTests : IAsyncLifetime
{
    private ClusterScope _scope = null!;
    private HttpClient _http = null!;
    private HttpClient _shopClient = null!;
    private SignedPoster _post = null!;

    public async Task InitializeAsync()
    {
        _scope = await ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Webhooks:PermitsPerSecond"] = "100000", ["Webhooks:Burst"] = "100000" });
        _http = _scope.Cluster.Primary.CreateClient(bearer: null);
        using var admin = _scope.Cluster.Primary.CreateClient();
        var created = await admin.PutAsJsonAsync("/v1/shops/demo", ShopsApiTests.Shop());
        var apiKey = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString();
        _shopClient = _scope.Cluster.Primary.CreateClient(apiKey);
        _post = new SignedPoster(_http, "demo", SignedPoster.StandardSecret);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _shopClient.Dispose();
        await _scope.DisposeAsync();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task The_same_delivery_three_times_makes_one_transition_and_identical_answers()
    {
        var body = SignedPoster.Created("10023");

        var answers = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            var response = await _post.StandardAsync(body, messageId: "msg_p5jXN8AQM9LWM0D4loKWxJek");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(await Json(response));
        }

        Assert.Equal([false, true, true], answers.Select(a => a.GetProperty("duplicate").GetBoolean()));
        Assert.All(answers, a => Assert.Equal(("applied", "AwaitingSmsConfirmation", "10023", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
            (a.GetProperty("outcome").GetString(), a.GetProperty("status").GetString(), a.GetProperty("orderId").GetString(), a.GetProperty("eventId").GetString())));
        var order = await _shopClient.GetFromJsonAsync<JsonElement>("/v1/shops/demo/orders/10023");
        Assert.Single(order.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task A_cod_order_goes_through_its_shop_statuses_and_shows_its_history_and_side_effects()
    {
        await _post.StandardAsync(SignedPoster.Created("flow"));
        await _post.StandardAsync(SignedPoster.Status("flow", "shipped"));
        var paid = await Json(await _post.StandardAsync(SignedPoster.Status("flow", "Fizetve")));
        var odd = await Json(await _post.StandardAsync(SignedPoster.Status("flow", "Unheard of")));

        Assert.Equal(("applied", "Paid"), (paid.GetProperty("outcome").GetString(), paid.GetProperty("status").GetString()));
        Assert.Equal("ignored", odd.GetProperty("outcome").GetString());
        var order = await _shopClient.GetFromJsonAsync<JsonElement>("/v1/shops/demo/orders/flow");
        Assert.Equal(("Paid", true), (order.GetProperty("status").GetString(), order.GetProperty("cod").GetBoolean()));
        Assert.Equal(["applied", "applied", "applied", "ignored"], order.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("outcome").GetString()));
        Assert.Equal("stopped", order.GetProperty("sms").GetProperty("status").GetString()); // shipped while it awaited the buyer: confirmed another way
    }

    [Fact]
    public async Task A_prepaid_order_mapped_through_the_hungarian_statuses_ends_closed_and_is_listed()
    {
        await _post.StandardAsync(SignedPoster.Created("prepaid", paymentMethod: "card"));
        await _post.StandardAsync(SignedPoster.Status("prepaid", "Fizetve"));
        var closed = await Json(await _post.StandardAsync(SignedPoster.Status("prepaid", "Megrendelés lezárva, fizetve")));

        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        var list = await _shopClient.GetFromJsonAsync<JsonElement>("/v1/shops/demo/orders?status=Closed");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), o => o.GetProperty("orderId").GetString() == "prepaid");
    }

    [Fact]
    public async Task A_status_before_its_order_is_answered_deferred_and_applied_when_the_order_arrives()
    {
        var early = await Json(await _post.StandardAsync(SignedPoster.Status("early", "cancelled")));
        await _post.StandardAsync(SignedPoster.Created("early", paymentMethod: "card"));

        Assert.Equal("deferred", early.GetProperty("outcome").GetString());
        var order = await _shopClient.GetFromJsonAsync<JsonElement>("/v1/shops/demo/orders/early");
        Assert.Equal("Cancelled", order.GetProperty("status").GetString());
    }

    [Fact]
    public async Task No_plaintext_email_reaches_storage()
    {
        await _post.StandardAsync(SignedPoster.Created("private", email: "Jane.Saoirse+shop@gmail.com"));

        var dump = await _scope.Database.ScalarAsync<string>(
            "SELECT string_agg(payload, ' ') FROM " + TestDatabase.GrainStates);
        Assert.DoesNotContain("saoirse", dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@gmail", dump, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_stale_or_wrong_signature_is_401_and_stores_nothing()
    {
        var stale = await _post.StandardAsync(SignedPoster.Created("unsigned"), at: DateTimeOffset.UtcNow.AddMinutes(-6));
        var wrongKey = await new SignedPoster(_http, "demo", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD").StandardAsync(SignedPoster.Created("unsigned"));
        var none = await _http.PostAsync("/v1/shops/demo/webhooks", new StringContent(SignedPoster.Created("unsigned"), Encoding.UTF8, "application/json"));

        Assert.All(new[] { stale, wrongKey, none }, r =>
        {
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        });
        Assert.Equal(0, await _scope.Database.ScalarAsync<long>("SELECT count(*) FROM " + TestDatabase.GrainStates + " WHERE grain_key LIKE '%unsigned%'"));
    }

    [Fact]
    public async Task An_unknown_shop_is_404()
    {
        var response = await new SignedPoster(_http, "no-such-shop", SignedPoster.StandardSecret).StandardAsync(SignedPoster.Created("1"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_256_KiB_is_413_whether_its_length_is_declared_or_streamed()
    {
        var huge = new string(' ', 256 * 1024) + SignedPoster.Created("huge");
        var declared = await _post.StandardAsync(huge);
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/v1/shops/demo/webhooks") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))) };
        chunked.Headers.TransferEncodingChunked = true;
        var streamed = await _http.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal("application/problem+json", declared.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_thousand_malformed_or_hostile_signed_bodies_are_all_4xx_problems_and_the_silo_keeps_serving()
    {
        var random = new Random(20261122);
        var valid = Encoding.UTF8.GetBytes(SignedPoster.Created("hostile"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 1000; i++)
        {
            var body = HostileBodies.Make(i, random, valid);
            var response = await _post.StandardBytesAsync(body);
            statuses.Add(response.StatusCode);
            if ((int)response.StatusCode >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }

            Assert.True((int)response.StatusCode < 500, $"body #{i} ({HostileBodies.Describe(i)}) answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.True(statuses.Count(s => s == HttpStatusCode.BadRequest) > 900, $"nearly every hostile body is refused as malformed: {string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key}×{g.Count()}"))}");
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _post.StandardAsync(SignedPoster.Created("after-the-storm"))).StatusCode);
    }

    [Fact]
    public async Task An_unreachable_database_makes_webhooks_503_so_the_platform_retries_and_the_retry_succeeds()
    {
        var silo = _scope.Cluster.Primary;
        await _post.StandardAsync(SignedPoster.Created("outage", paymentMethod: "card")); // the shop and the order are warm
        silo.DatabaseProxy.Cut();
        var during = await _post.StandardAsync(SignedPoster.Status("outage", "paid"), messageId: "msg_outage");
        silo.DatabaseProxy.Restore();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        HttpResponseMessage after = null!;
        await Eventually.TrueAsync(async () => (after = await _post.StandardAsync(SignedPoster.Status("outage", "paid"), messageId: "msg_outage")).StatusCode == HttpStatusCode.OK, "the retry goes through");
        Assert.Equal("Paid", (await Json(after)).GetProperty("status").GetString());
    }
}
