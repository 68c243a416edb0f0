using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.UtanvetEllenor;
using static OrleansShop.Tests.Silo.Providers.UtanvetEllenor.UtanvetEllenorTesting;

namespace OrleansShop.Tests.Silo.Providers.UtanvetEllenor;

public sealed class UtanvetEllenorSignalTests : IAsyncLifetime
{
    private const string OrderId = "shop-1/10023";

    private FakeUtanvetEllenor _provider = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeUtanvetEllenor.StartAsync();
        _provider.AnswerWith(200, """{"status":200}""");
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task A_signal_is_a_JSON_POST_to_api_v2_signal_with_the_keys_as_Basic_auth()
    {
        var result = await SignalAsync(UtanvetEllenorSignalOutcome.Collected);

        Assert.Equal(new UtanvetEllenorSignalResult(UtanvetEllenorOutcome.Accepted, 200, "signal taken"), result);
        var call = Assert.Single(_provider.Received);
        Assert.Equal(("POST", "/api/v2/signal"), (call.Method, call.Path));
        Assert.Equal(ExpectedAuthorization, call.Authorization);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
    }

    [Theory]
    [InlineData(UtanvetEllenorSignalOutcome.Collected, 1)]
    [InlineData(UtanvetEllenorSignalOutcome.Refused, -1)]
    public async Task The_body_carries_the_email_the_outcome_as_plus_or_minus_one_and_the_order_id(UtanvetEllenorSignalOutcome outcome, int written)
    {
        await SignalAsync(outcome);

        using var body = JsonDocument.Parse(Assert.Single(_provider.Received).Body);
        var members = body.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(["email", "outcome", "orderId"], members.Keys);
        Assert.Equal(Email, members["email"].GetString());
        Assert.Equal(written, members["outcome"].GetInt32());
        Assert.Equal(OrderId, members["orderId"].GetString());
    }

    [Fact]
    public async Task The_buyers_address_and_phone_go_when_given()
    {
        await Client().SignalAsync(Credentials(_provider.BaseAddress), FullBuyer, UtanvetEllenorSignalOutcome.Refused, OrderId, CancellationToken.None);

        using var body = JsonDocument.Parse(Assert.Single(_provider.Received).Body);
        Assert.Equal(
            ["email", "outcome", "orderId", "countryCode", "phoneNumber", "postalCode", "addressLine"],
            body.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("""{"status":200,"result":{"message":"Signal saved."}}""")]
    [InlineData("""{"status":"201"}""")]
    [InlineData("""{"message":"ok"}""")]
    [InlineData("{}")]
    public async Task A_JSON_answer_with_a_2xx_status_or_none_is_taken(string body)
    {
        _provider.AnswerWith(200, body);

        Assert.Equal(UtanvetEllenorOutcome.Accepted, (await SignalAsync(UtanvetEllenorSignalOutcome.Collected)).Outcome);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_test_address_answer_with_a_blocked_flag_and_no_counts_is_taken_not_retried(bool blocked)
    {
        _provider.AnswerTestHash(blocked);

        var result = await SignalAsync(UtanvetEllenorSignalOutcome.Refused);

        Assert.Equal(new UtanvetEllenorSignalResult(UtanvetEllenorOutcome.Accepted, 200, "signal taken"), result);
        Assert.Single(_provider.Received);
    }

    [Fact]
    public async Task Status_204_is_taken_and_says_the_mailbox_is_temporary_or_missing()
    {
        _provider.AnswerVerdict(204, reason: UtanvetEllenorReasons.TemporaryEmail);

        var result = await SignalAsync(UtanvetEllenorSignalOutcome.Refused);

        Assert.Equal((UtanvetEllenorOutcome.Accepted, (int?)204), (result.Outcome, result.Status));
        Assert.Contains("temporary or missing mailbox", result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_451_opted_out_is_permanent_a_signal_that_can_never_be_given()
    {
        _provider.AnswerVerdict(451, reason: UtanvetEllenorReasons.OptedOut);

        var result = await SignalAsync(UtanvetEllenorSignalOutcome.Refused);

        Assert.Equal((UtanvetEllenorOutcome.Permanent, (int?)451), (result.Outcome, result.Status));
        Assert.Contains("opted out", result.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, """{"status":402}""", UtanvetEllenorOutcome.QuotaExhausted)]
    [InlineData(402, "", UtanvetEllenorOutcome.QuotaExhausted)]
    [InlineData(200, """{"status":401}""", UtanvetEllenorOutcome.Permanent)]
    [InlineData(401, "", UtanvetEllenorOutcome.Permanent)]
    [InlineData(200, """{"status":422}""", UtanvetEllenorOutcome.Permanent)]
    [InlineData(400, "", UtanvetEllenorOutcome.Permanent)]
    [InlineData(200, """{"status":500}""", UtanvetEllenorOutcome.Retryable)]
    [InlineData(503, """{"status":200}""", UtanvetEllenorOutcome.Retryable)]
    [InlineData(429, "", UtanvetEllenorOutcome.Retryable)]
    public async Task Quota_keys_bad_requests_and_server_errors_are_classified(int httpStatus, string body, UtanvetEllenorOutcome outcome)
    {
        _provider.AnswerWith(httpStatus, body);

        var result = await SignalAsync(UtanvetEllenorSignalOutcome.Collected);

        Assert.Equal(outcome, result.Outcome);
        AssertNothingSecret(result.ToString(), OrderId);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("<html><body>Maintenance</body></html>", "HTML")]
    [InlineData("OK", "not JSON")]
    [InlineData("""["ok"]""", "not an object")]
    [InlineData("""{"status":true}""", "not a number")]
    public async Task An_unreadable_answer_is_retryable_which_is_safe_as_the_provider_deduplicates_on_the_order_id(string body, string meaning)
    {
        _provider.AnswerWith(200, body, "text/html");

        var result = await SignalAsync(UtanvetEllenorSignalOutcome.Collected);

        Assert.Equal(UtanvetEllenorOutcome.Retryable, result.Outcome);
        Assert.Contains(meaning, result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_answer_within_the_signal_timeout_is_retryable()
    {
        _provider.Hang();
        using var http = new HttpClient();
        var client = new UtanvetEllenorClient(http, Options.Create(new UtanvetEllenorOptions { RequestTimeout = TimeSpan.FromMinutes(1), SignalTimeout = TimeSpan.FromMilliseconds(300) }));

        var result = await client.SignalAsync(Credentials(_provider.BaseAddress), Buyer, UtanvetEllenorSignalOutcome.Collected, OrderId, CancellationToken.None);

        Assert.Equal(UtanvetEllenorOutcome.Retryable, result.Outcome);
        Assert.Contains("did not answer within 0.3 s", result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_signal_carries_the_same_order_id_so_the_provider_counts_it_once()
    {
        _provider.AnswerNextWith(502, "Bad Gateway");

        var first = await SignalAsync(UtanvetEllenorSignalOutcome.Refused);
        var second = await SignalAsync(UtanvetEllenorSignalOutcome.Refused);

        Assert.Equal((UtanvetEllenorOutcome.Retryable, UtanvetEllenorOutcome.Accepted), (first.Outcome, second.Outcome));
        Assert.Equal(_provider.Received[0].BodyText, _provider.Received[1].BodyText);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task A_signal_without_an_order_id_is_a_programming_error(string orderId) =>
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Client().SignalAsync(Credentials(_provider.BaseAddress), Buyer, UtanvetEllenorSignalOutcome.Collected, orderId, CancellationToken.None));

    [Fact]
    public async Task An_outcome_other_than_collected_or_refused_is_a_programming_error() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Client().SignalAsync(Credentials(_provider.BaseAddress), Buyer, (UtanvetEllenorSignalOutcome)0, OrderId, CancellationToken.None));

    private Task<UtanvetEllenorSignalResult> SignalAsync(UtanvetEllenorSignalOutcome outcome) =>
        Client().SignalAsync(Credentials(_provider.BaseAddress), Buyer, outcome, OrderId, CancellationToken.None);
}
