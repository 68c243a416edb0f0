using System.Diagnostics;
using OrleansShop.Effects;
using OrleansShop.Silo.Providers.Platforms.Ideasoft;
using static OrleansShop.Tests.Silo.Providers.Platforms.PlatformTesting;

namespace OrleansShop.Tests.Silo.Providers.Platforms;

public sealed class IdeasoftClientTests : IAsyncLifetime
{
    private FakeIdeasoft _ideasoft = null!;

    public async Task InitializeAsync() => _ideasoft = await FakeIdeasoft.StartAsync();

    public async Task DisposeAsync() => await _ideasoft.DisposeAsync();

    private Task<DeliveryOutcome> WriteAsync(string? status, string token = FakeIdeasoft.AccessToken, TimeSpan? timeout = null) =>
        new IdeasoftClient(Http, Options(timeout)).WriteAsync(_ideasoft.BaseAddress, token, Update(status: status, tags: ["cod-confirmed"]), CancellationToken.None);

    [Fact]
    public async Task A_status_is_a_GET_of_the_order_then_a_PUT_of_its_numeric_id_and_the_status_with_the_bearer_token()
    {
        _ideasoft.AddOrder(1001, "waiting_for_approval");

        var outcome = await WriteAsync("approved");

        Assert.Equal("""{"platform":"ideasoft","written":["status"]}""", outcome.Response);
        var requests = _ideasoft.Received;
        Assert.Equal([("GET", "/admin-api/orders/1001"), ("PUT", "/admin-api/orders/1001")], requests.Select(r => (r.Method, r.Path)));
        Assert.All(requests, r => Assert.Equal($"Bearer {FakeIdeasoft.AccessToken}", r.Authorization));
        Assert.Equal("application/json; charset=utf-8", requests[1].ContentType);
        Assert.Equal("""{"id":1001,"status":"approved"}""", requests[1].BodyText);
        Assert.Equal("approved", _ideasoft.Order(1001).Status);
    }

    [Fact]
    public async Task A_repeated_update_writes_nothing_the_order_already_shows()
    {
        _ideasoft.AddOrder(1001, "waiting_for_approval");

        await WriteAsync("cancelled");
        var second = await WriteAsync("cancelled");

        Assert.Equal("""{"platform":"ideasoft","written":[]}""", second.Response);
        Assert.Equal(["GET", "PUT", "GET"], _ideasoft.Received.Select(r => r.Method));
    }

    [Fact]
    public async Task An_update_without_a_status_is_delivered_without_a_call_Ideasoft_has_no_notes_or_tags_here()
    {
        _ideasoft.AddOrder(1001);

        var outcome = await WriteAsync(null);

        Assert.Empty(Written(outcome));
        Assert.Empty(_ideasoft.Received);
    }

    [Fact]
    public async Task A_refused_token_is_permanent_and_the_reason_repeats_no_token()
    {
        _ideasoft.AddOrder(1001);

        var outcome = await WriteAsync("approved", token: "ideasoft-oauth-expired");

        AssertPermanent(outcome, "HTTP 401");
        Assert.Contains("The access token provided is invalid.", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ideasoft-oauth", outcome.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_Ideasoft_does_not_have_is_permanent()
    {
        var outcome = await WriteAsync("approved");

        AssertPermanent(outcome, "HTTP 404");
        Assert.Contains("Order not found", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_Ideasoft_does_not_have_is_permanent_with_its_message()
    {
        _ideasoft.AddOrder(1001);

        var outcome = await WriteAsync("shipped-ish");

        AssertPermanent(outcome, "HTTP 400");
        Assert.Contains("not a valid choice", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Server_errors_and_rate_limits_are_retried_and_the_retry_completes_the_write(int status)
    {
        _ideasoft.AddOrder(1001);
        _ideasoft.AnswerNextWith(status, "");

        var first = await WriteAsync("approved");
        var retried = await WriteAsync("approved");

        AssertRetry(first, $"HTTP {status}");
        Assert.Equal(["status"], Written(retried));
    }

    [Fact]
    public async Task A_hang_ends_as_retry_within_the_timeout()
    {
        _ideasoft.AddOrder(1001);
        _ideasoft.HangNext();
        var clock = Stopwatch.StartNew();

        var outcome = await WriteAsync("approved", timeout: TimeSpan.FromMilliseconds(500));

        clock.Stop();
        AssertRetry(outcome, "did not answer within 0.5 s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal("waiting_for_approval", _ideasoft.Order(1001).Status);
    }
}
