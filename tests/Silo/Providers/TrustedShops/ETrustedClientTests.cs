using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using OrleansShop.Silo.Providers.TrustedShops;
using static OrleansShop.Tests.Silo.Providers.TrustedShops.TrustedShopsTesting;

namespace OrleansShop.Tests.Silo.Providers.TrustedShops;

public sealed class ETrustedClientTests : IAsyncLifetime
{
    private FakeETrusted _etrusted = null!;

    public async Task InitializeAsync() => _etrusted = await FakeETrusted.StartAsync();

    public async Task DisposeAsync() => await _etrusted.DisposeAsync();

    private Task<TrustedShopsResult> SendAsync(ETrustedClient? client = null) => (client ?? Client(_etrusted.BaseAddress)).SendCheckoutAsync(Credentials, Checkout, CancellationToken.None);

    [Fact]
    public async Task A_token_is_asked_with_the_client_credentials_grant_for_the_etrusted_audience()
    {
        await SendAsync();

        var call = Assert.Single(_etrusted.TokenRequests);
        Assert.Equal("POST", call.Method);
        Assert.Equal("application/x-www-form-urlencoded", call.ContentType);
        var form = QueryHelpers.ParseQuery(call.BodyText).ToDictionary(p => p.Key, p => p.Value.ToString());
        Assert.Equal(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = ClientId, ["client_secret"] = ClientSecret, ["audience"] = "https://api.etrusted.com" },
            form);
    }

    [Fact]
    public async Task An_event_of_the_shops_event_type_goes_to_the_shops_channel_with_the_token_and_answers_its_EventRef()
    {
        var result = await SendAsync();

        Assert.Equal(new TrustedShopsResult(TrustedShopsOutcome.Accepted, 202, "evt-1", "event accepted"), result);
        var call = Assert.Single(_etrusted.EventRequests);
        Assert.Equal(("POST", "Bearer tok-1"), (call.Method, call.Authorization));
        using var body = JsonDocument.Parse(call.Body);
        var root = body.RootElement;
        Assert.Equal("delivery", root.GetProperty("type").GetString());
        Assert.Equal((Email, "Kovács", "János"), (root.GetProperty("customer").GetProperty("email").GetString(), root.GetProperty("customer").GetProperty("firstName").GetString(), root.GetProperty("customer").GetProperty("lastName").GetString()));
        Assert.Equal((ChannelId, "etrusted"), (root.GetProperty("channel").GetProperty("id").GetString(), root.GetProperty("channel").GetProperty("type").GetString()));
        Assert.Equal(("10023", "2026-11-20T09:30:00.000Z"), (root.GetProperty("transaction").GetProperty("reference").GetString(), root.GetProperty("transaction").GetProperty("date").GetString()));
        Assert.Equal("2026-11-22", root.GetProperty("estimatedDeliveryDate").GetString());
        var product = Assert.Single(root.GetProperty("products").EnumerateArray());
        Assert.Equal(("SKU-1", "Linen shirt"), (product.GetProperty("sku").GetString(), product.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("delivery")]
    [InlineData("order-shipped_2")]
    public async Task The_events_type_is_the_one_it_was_given(string type)
    {
        await Client(_etrusted.BaseAddress).SendCheckoutAsync(Credentials, Checkout with { Type = type }, CancellationToken.None);

        Assert.Equal([type], _etrusted.EventTypes);
    }

    [Fact]
    public async Task An_event_of_the_type_checkout_which_etrusted_reserves_is_refused_permanently_with_its_message()
    {
        var result = await Client(_etrusted.BaseAddress).SendCheckoutAsync(Credentials, Checkout with { Type = "checkout" }, CancellationToken.None);

        Assert.Equal((TrustedShopsOutcome.Permanent, (int?)400), (result.Outcome, result.Status));
        Assert.StartsWith("eTrusted answered 400: Event type 'checkout' is reserved", result.Meaning, StringComparison.Ordinal);
        Assert.Single(_etrusted.EventRequests);
    }

    [Fact]
    public async Task The_token_is_kept_until_shortly_before_it_expires_then_renewed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = Client(_etrusted.BaseAddress, clock);
        _etrusted.TokenLifetimeSeconds = 300;

        await SendAsync(client);
        clock.Advance(TimeSpan.FromSeconds(260));
        await SendAsync(client);
        Assert.Single(_etrusted.TokenRequests);

        clock.Advance(TimeSpan.FromSeconds(15)); // 275 s: within the 30-second renewal margin
        Assert.Equal(TrustedShopsOutcome.Accepted, (await SendAsync(client)).Outcome);

        Assert.Equal(2, _etrusted.TokenRequests.Count);
        Assert.Equal(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"], _etrusted.EventRequests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task Another_client_id_or_secret_gets_a_token_of_its_own()
    {
        var client = Client(_etrusted.BaseAddress);
        await SendAsync(client);
        await client.SendCheckoutAsync(Credentials with { ClientSecret = "rotated" }, Checkout, CancellationToken.None);

        Assert.Equal(2, _etrusted.TokenRequests.Count);
    }

    [Fact]
    public async Task A_token_refused_before_it_expires_is_renewed_once_and_the_event_sent_again()
    {
        var client = Client(_etrusted.BaseAddress);
        await SendAsync(client);
        _etrusted.RevokeTokens();

        var result = await SendAsync(client);

        Assert.Equal((TrustedShopsOutcome.Accepted, "evt-2"), (result.Outcome, result.Reference));
        Assert.Equal(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"], _etrusted.EventRequests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task A_fresh_token_refused_too_is_permanent_after_exactly_two_tries()
    {
        _etrusted.AnswerNextEventWith(401, """{"Message":"Unauthorized"}""");
        _etrusted.AnswerNextEventWith(401, """{"Message":"Unauthorized"}""");

        var result = await SendAsync();

        Assert.Equal((TrustedShopsOutcome.Permanent, (int?)401), (result.Outcome, result.Status));
        Assert.Equal(2, _etrusted.EventRequests.Count);
        Assert.Equal(2, _etrusted.TokenRequests.Count);
    }

    [Fact]
    public async Task Refused_client_credentials_are_permanent_and_no_event_is_sent()
    {
        _etrusted.AnswerNextTokenWith(401, """{"error":"invalid_client","error_description":"Invalid client or Invalid client credentials"}""");

        var result = await SendAsync();

        Assert.Equal(TrustedShopsOutcome.Permanent, result.Outcome);
        Assert.Equal("eTrusted refused the client id and secret (401 invalid_client)", result.Meaning);
        Assert.Empty(_etrusted.EventRequests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(408)]
    public async Task Server_errors_and_rate_limits_are_retryable(int status)
    {
        _etrusted.AnswerNextEventWith(status, """{"Message":"Try again later"}""");

        var result = await SendAsync();

        Assert.Equal((TrustedShopsOutcome.Retryable, (int?)status), (result.Outcome, result.Status));
        Assert.Equal($"eTrusted answered {status}: Try again later", result.Meaning);
    }

    [Fact]
    public async Task A_failing_login_is_retryable()
    {
        _etrusted.AnswerNextTokenWith(503, "<html>Service Unavailable</html>");

        Assert.Equal(TrustedShopsOutcome.Retryable, (await SendAsync()).Outcome);
        Assert.Empty(_etrusted.EventRequests);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task Client_errors_are_permanent_and_carry_etrusteds_capitalised_Message(int status)
    {
        _etrusted.AnswerEventsWith(status, """{"Message":"Channel chl-unknown does not exist"}""");

        var result = await SendAsync();

        Assert.Equal((TrustedShopsOutcome.Permanent, (int?)status), (result.Outcome, result.Status));
        Assert.Equal($"eTrusted answered {status}: Channel chl-unknown does not exist", result.Meaning);
    }

    [Fact]
    public async Task A_Message_that_quotes_the_buyers_address_is_not_repeated()
    {
        _etrusted.AnswerEventsWith(400, JsonSerializer.Serialize(new { Message = $"customer.email {Email} is not deliverable" }));

        var result = await SendAsync();

        Assert.Equal("eTrusted answered 400 with JSON without a Message", result.Meaning);
        AssertNothingSecret(result.ToString());
    }

    [Theory]
    [InlineData("<html><body>Bad gateway</body></html>", "HTML or XML, not JSON")]
    [InlineData("", "an empty body")]
    [InlineData("""{"token":"x"}""", "JSON without access_token and expires_in")]
    [InlineData("""{"access_token":"x","expires_in":"soon"}""", "JSON without access_token and expires_in")]
    public async Task A_token_answer_that_is_no_token_is_retryable_and_named_without_quoting_it(string body, string shape)
    {
        _etrusted.AnswerNextTokenWith(200, body);

        var result = await SendAsync();

        Assert.Equal(TrustedShopsOutcome.Retryable, result.Outcome);
        Assert.Equal($"no token: eTrusted's token answer was {shape}", result.Meaning);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Accepted</html>")]
    [InlineData("""{"Message":"Event created successfully"}""")]
    public async Task An_accepted_event_whose_answer_has_no_EventRef_is_still_accepted_not_sent_again(string body)
    {
        _etrusted.AnswerEventsWith(202, body);

        var result = await SendAsync();

        Assert.Equal((TrustedShopsOutcome.Accepted, (string?)null), (result.Outcome, result.Reference));
        Assert.Single(_etrusted.EventRequests);
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_is_retryable_within_the_timeout()
    {
        _etrusted.HangEvents();
        var started = DateTimeOffset.UtcNow;

        var result = await SendAsync(Client(_etrusted.BaseAddress, timeout: TimeSpan.FromMilliseconds(500)));

        Assert.Equal(TrustedShopsOutcome.Retryable, result.Outcome);
        Assert.Equal("eTrusted did not answer within 0.5 s", result.Meaning);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_unreachable_provider_is_retryable()
    {
        var nothingListens = new Uri("http://127.0.0.1:1/");

        Assert.Equal(TrustedShopsOutcome.Retryable, (await SendAsync(Client(nothingListens))).Outcome);
    }

    [Fact]
    public async Task Missing_credentials_are_permanent_without_a_call()
    {
        var result = await Client(_etrusted.BaseAddress).SendCheckoutAsync(Credentials with { ChannelId = " " }, Checkout, CancellationToken.None);

        Assert.Equal(TrustedShopsOutcome.Permanent, result.Outcome);
        Assert.Empty(_etrusted.Received);
    }

    [Fact]
    public void Credentials_and_a_checkout_print_without_the_secret_or_the_address()
    {
        AssertNothingSecret(Credentials.ToString());
        AssertNothingSecret(Checkout.ToString());
    }

    [Theory]
    [InlineData("Ayşe Yılmaz", "Ayşe", "Yılmaz")]
    [InlineData("  Anna  Maria   Kovács ", "Anna Maria", "Kovács")]
    [InlineData("Cher", "Cher", null)]
    [InlineData(null, null, null)]
    public void A_full_name_splits_at_its_last_word(string? name, string? first, string? last) =>
        Assert.Equal((first, last), CheckoutEvent.SplitName(name));
}
