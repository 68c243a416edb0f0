using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansShop.Tests.Grains.Domain.Shops;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.Netgsm;

namespace OrleansShop.Tests.Silo.Providers.Netgsm;

/// <summary>Live mode: SMS confirmation through Netgsm's API, against a fake Netgsm on loopback.</summary>
public sealed class NetgsmLiveTests : IAsyncLifetime
{
    private FakeNetgsm _netgsm = null!;

    public async Task InitializeAsync()
    {
        _netgsm = await FakeNetgsm.StartAsync();
        _netgsm.AnswerInboxWith("""{"code":"40","messages":null}""");
    }

    public async Task DisposeAsync() => await _netgsm.DisposeAsync();

    private Task<ClusterScope> StartAsync(int silos = 1) => ClusterScope.StartAsync(silos, new Dictionary<string, string?>
    {
        ["Providers:Mode"] = "live",
        ["Sms:Netgsm:BaseAddress"] = _netgsm.BaseAddress.ToString(),
        ["Sms:Netgsm:Timeout"] = "00:00:01",
        ["Sms:Polling:Interval"] = "00:00:00.200",
        ["Dispatcher:MaxAttempts"] = "6",
    });

    private static async Task<(HttpClient Shop, SignedPoster Post, HttpClient Admin)> ShopAsync(ClusterScope scope)
    {
        var silo = scope.Cluster.Primary;
        var admin = silo.CreateClient();
        var body = JsonSerializer.SerializeToNode(ShopsApiTests.Shop())!.AsObject();
        body["smsGateway"] = JsonSerializer.SerializeToNode(new { userCode = "8501234567", password = "gateway-password", msgHeader = "DEMOSHOP" });
        var created = await admin.PutAsJsonAsync("/v1/shops/demo", body);
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString();
        return (silo.CreateClient(key), new SignedPoster(silo.CreateClient(bearer: null), "demo", SignedPoster.StandardSecret), admin);
    }

    private static async Task<string?> SmsStatusAsync(HttpClient shop, string orderId) =>
        (await shop.GetFromJsonAsync<JsonElement>($"/v1/shops/demo/orders/{orderId}")).GetProperty("sms").GetProperty("status").GetString();

    [Fact]
    public async Task The_confirmation_request_goes_out_through_netgsm_with_the_shops_account()
    {
        await using var scope = await StartAsync();
        var (shop, post, _) = await ShopAsync(scope);

        await post.StandardAsync(SignedPoster.Created("10023"));

        await Eventually.TrueAsync(async () => await SmsStatusAsync(shop, "10023") == "sent", "the SMS is sent");
        var request = Assert.Single(_netgsm.SendRequests);
        Assert.Equal(("POST", "/sms/rest/v2/send"), (request.Method, request.Path));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("8501234567:gateway-password")), request.Authorization);
        var json = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(("DEMOSHOP", "TR"), (json.GetProperty("msgheader").GetString(), json.GetProperty("encoding").GetString()));
        var message = Assert.Single(json.GetProperty("messages").EnumerateArray());
        Assert.Equal("5321234567", message.GetProperty("no").GetString());
        Assert.StartsWith("Sn. Ayşe Yılmaz, 10023", message.GetProperty("msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_gateway_is_retried_and_the_message_is_accepted_exactly_once_when_it_recovers()
    {
        await using var scope = await StartAsync();
        var (shop, post, _) = await ShopAsync(scope);
        _netgsm.AnswerNextWith(503, "<html>Service Unavailable</html>");
        _netgsm.HangNext();
        _netgsm.AnswerNextWith(406, """{"code":"100","jobid":null}""");

        await post.StandardAsync(SignedPoster.Created("flaky"));

        await Eventually.TrueAsync(async () => await SmsStatusAsync(shop, "flaky") == "sent", "the SMS is sent once the gateway recovers");
        var sends = _netgsm.SendRequests;
        Assert.Equal(4, sends.Count); // 503, a hang past the timeout, a system error, then success
        Assert.Single(sends.Select(s => s.BodyText).Distinct()); // every attempt carried the same message
        await scope.Database.UntilEffectsSettledAsync();
        Assert.Equal(4, _netgsm.SendRequests.Count);
    }

    [Fact]
    public async Task A_permanent_gateway_error_is_a_dead_letter_with_its_meaning_and_the_order_says_the_sms_failed()
    {
        await using var scope = await StartAsync();
        var (shop, post, admin) = await ShopAsync(scope);
        _netgsm.AnswerCode("40");

        await post.StandardAsync(SignedPoster.Created("refused"));

        await Eventually.TrueAsync(async () => await SmsStatusAsync(shop, "refused") == "failed", "the order learns the SMS failed");
        var dead = (await admin.GetFromJsonAsync<JsonElement>("/v1/admin/deliveries?state=dead")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("sms", "send", 1), (dead.GetProperty("targetType").GetString(), dead.GetProperty("operation").GetString(), dead.GetProperty("attempts").GetInt32()));
        Assert.StartsWith("Netgsm 40:", dead.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Single(_netgsm.SendRequests);
    }

    [Fact]
    public async Task A_reply_in_the_netgsm_inbox_confirms_the_order_once_though_two_silos_read_overlapping_windows()
    {
        await using var scope = await StartAsync(silos: 2);
        var (shop, post, _) = await ShopAsync(scope);
        await post.StandardAsync(SignedPoster.Created("10023"));
        await Eventually.TrueAsync(async () => await SmsStatusAsync(shop, "10023") == "sent", "the request is sent");

        var turkey = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3));
        _netgsm.AnswerInboxWith($$"""
            {"code":"00","messages":[{"message":"Onay 10023","sender":"905321234567","receiver":"8501234567","datetime":"{{turkey.ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture)}}"}]}
            """);

        try
        {
            await Eventually.TrueAsync(async () => (await shop.GetFromJsonAsync<JsonElement>("/v1/shops/demo/orders/10023")).GetProperty("status").GetString() == "Confirmed", "the polled reply confirms the order");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var replies = await scope.Database.ScalarAsync<string>("SELECT string_agg(grain_type || ' ' || payload, ' | ') FROM " + TestDatabase.GrainStates + " WHERE grain_type IN ('smsreply', 'smsconfirmation', 'order')");
            throw new InvalidOperationException($"{exception.Message} Inbox reads: {_netgsm.Received.Count(r => r.Path.EndsWith("/inbox", StringComparison.Ordinal))}. State: {replies}", exception);
        }
        await Eventually.TrueAsync(() => _netgsm.SendRequests.Count == 2, "the confirmation text goes out");
        var inboxReads = _netgsm.Received.Count(r => r.Path.EndsWith("/inbox", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => _netgsm.Received.Count(r => r.Path.EndsWith("/inbox", StringComparison.Ordinal)) >= inboxReads + 3, "the inbox is read again, over the same window");

        Assert.Equal(2, _netgsm.SendRequests.Count); // the same reply read many times confirms once
        var read = _netgsm.Received.First(r => r.Path.EndsWith("/inbox", StringComparison.Ordinal));
        Assert.Matches("^[0-9]{14}$", read.Query["startdate"]);
        Assert.Matches("^[0-9]{14}$", read.Query["stopdate"]);
    }

    [Fact]
    public async Task An_inbox_read_refused_for_the_rate_limit_keeps_the_cursor_and_a_later_tick_reads_the_reply()
    {
        await using var scope = await StartAsync();
        var (shop, post, admin) = await ShopAsync(scope);
        await post.StandardAsync(SignedPoster.Created("10023"));
        await Eventually.TrueAsync(async () => await SmsStatusAsync(shop, "10023") == "sent", "the request is sent");
        var cursor = scope.Cluster.Primary.Grains.GetGrain<OrleansShop.Grains.Sms.ISmsInboxCursorGrain>("demo");
        await Eventually.TrueAsync(async () => await cursor.GetAsync() is not null, "the inbox has been read once");

        _netgsm.AnswerInboxCode("80");
        var before = _netgsm.InboxReads.Count;
        await Eventually.TrueAsync(() => _netgsm.InboxReads.Count >= before + 2, "the rate-limited inbox is read at the next ticks");
        var kept = await cursor.GetAsync();
        var limited = _netgsm.InboxReads.Count;
        await Eventually.TrueAsync(() => _netgsm.InboxReads.Count >= limited + 2, "and again at the ticks after");
        Assert.Equal(kept, await cursor.GetAsync()); // a refused read moves nothing: its window is read again

        var turkey = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3));
        _netgsm.AnswerInboxWith($$"""
            {"code":"00","messages":[{"message":"Onay 10023","sender":"905321234567","receiver":"8501234567","datetime":"{{turkey.ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture)}}"}]}
            """);

        await Eventually.TrueAsync(async () => (await shop.GetFromJsonAsync<JsonElement>("/v1/shops/demo/orders/10023")).GetProperty("status").GetString() == "Confirmed", "the reply read once the limit is lifted confirms the order");
        await Eventually.TrueAsync(async () => await cursor.GetAsync() > kept, "the cursor moves on once a read succeeds");
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/v1/admin/deliveries?state=dead")).GetProperty("items").GetArrayLength());
    }
}
