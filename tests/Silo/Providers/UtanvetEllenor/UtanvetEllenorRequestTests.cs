using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.UtanvetEllenor;
using OrleansShop.Tests.Infrastructure;
using static OrleansShop.Tests.Silo.Providers.UtanvetEllenor.UtanvetEllenorTesting;

namespace OrleansShop.Tests.Silo.Providers.UtanvetEllenor;

public sealed class UtanvetEllenorRequestTests : IAsyncLifetime
{
    private FakeUtanvetEllenor _provider = null!;

    public async Task InitializeAsync() => _provider = await FakeUtanvetEllenor.StartAsync();

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task A_request_is_a_JSON_POST_to_api_v2_request_with_the_keys_as_Basic_auth()
    {
        await RequestAsync();

        var call = Assert.Single(_provider.Received);
        Assert.Equal(("POST", "/api/v2/request"), (call.Method, call.Path));
        Assert.Equal(ExpectedAuthorization, call.Authorization);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.Equal("application/json", call.Accept);
    }

    [Fact]
    public async Task The_body_carries_the_email_as_written_and_the_threshold_as_a_number()
    {
        await RequestAsync();

        using var body = JsonDocument.Parse(Assert.Single(_provider.Received).Body);
        var members = body.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(["email", "threshold"], members.Keys);
        Assert.Equal(Email, members["email"].GetString());
        Assert.Equal(JsonValueKind.Number, members["threshold"].ValueKind);
        Assert.Equal(0.6, members["threshold"].GetDouble());
    }

    [Fact]
    public async Task The_order_id_country_phone_postal_code_and_address_go_when_given()
    {
        await Client().RequestAsync(Credentials(_provider.BaseAddress), FullBuyer with { CountryCode = "hu" }, -0.25, "#UV-12345", CancellationToken.None);

        var call = Assert.Single(_provider.Received);
        using var body = JsonDocument.Parse(call.Body);
        var root = body.RootElement;
        Assert.Equal(-0.25, root.GetProperty("threshold").GetDouble());
        Assert.Equal("#UV-12345", root.GetProperty("orderId").GetString());
        Assert.Equal("HU", root.GetProperty("countryCode").GetString());
        Assert.Equal(Phone, root.GetProperty("phoneNumber").GetString());
        Assert.Equal(PostalCode, root.GetProperty("postalCode").GetString());
        Assert.Equal(AddressLine, root.GetProperty("addressLine").GetString());

        // The '+' of the phone and the e-mail tag travel as written, not as \u002B.
        Assert.Contains($"\"{Phone}\"", call.BodyText, StringComparison.Ordinal);
        Assert.Contains($"\"{Email}\"", call.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blank_optional_fields_are_left_out()
    {
        await Client().RequestAsync(Credentials(_provider.BaseAddress), new UtanvetEllenorBuyer(Email, "", " ", null, ""), Threshold, " ", CancellationToken.None);

        using var body = JsonDocument.Parse(Assert.Single(_provider.Received).Body);
        Assert.Equal(["email", "threshold"], body.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Signals_found_are_accepted_with_the_counts_and_the_reputation()
    {
        var result = await RequestAsync();

        Assert.Equal((UtanvetEllenorOutcome.Accepted, (int?)200), (result.Outcome, result.Status));
        Assert.Equal(new UtanvetEllenorReputation(UtanvetEllenorFinding.Signals, 23, 3, 20.0 / 26, false, UtanvetEllenorReasons.Passed), result.Reputation);
        Assert.Equal(88.46, ReputationScale.ToPercent(result.Reputation!.Reputation!.Value), 2);
        Assert.Contains("23 collected, 3 refused", result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reputation_below_the_threshold_comes_back_blocked_with_the_providers_reason()
    {
        _provider.AnswerVerdict(200, 3, 5, -0.25, blocked: true, UtanvetEllenorReasons.ThresholdNotMet);

        var result = await RequestAsync();

        Assert.Equal(UtanvetEllenorOutcome.Accepted, result.Outcome);
        Assert.Equal(new UtanvetEllenorReputation(UtanvetEllenorFinding.Signals, 3, 5, -0.25, true, UtanvetEllenorReasons.ThresholdNotMet), result.Reputation);
        Assert.Contains("blocked", result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_404_is_known_nothing_a_new_buyer_not_an_error()
    {
        _provider.AnswerVerdict(404, reason: UtanvetEllenorReasons.NoSignals);

        var result = await RequestAsync();

        Assert.Equal((UtanvetEllenorOutcome.Accepted, (int?)404), (result.Outcome, result.Status));
        Assert.Equal(new UtanvetEllenorReputation(UtanvetEllenorFinding.NoSignals, 0, 0, null, false, UtanvetEllenorReasons.NoSignals), result.Reputation);
    }

    [Fact]
    public async Task Status_404_without_a_result_is_still_known_nothing()
    {
        _provider.AnswerWith(200, """{"status":404}""");

        var result = await RequestAsync();

        Assert.Equal(UtanvetEllenorOutcome.Accepted, result.Outcome);
        Assert.Equal(new UtanvetEllenorReputation(UtanvetEllenorFinding.NoSignals, 0, 0, null, false, null), result.Reputation);
    }

    [Theory]
    [InlineData(UtanvetEllenorReasons.TemporaryEmail)]
    [InlineData(UtanvetEllenorReasons.MailboxDoesNotExist)]
    public async Task Status_204_is_a_temporary_or_missing_mailbox(string reason)
    {
        _provider.AnswerVerdict(204, blocked: true, reason: reason);

        var result = await RequestAsync();

        Assert.Equal((UtanvetEllenorOutcome.Accepted, (int?)204), (result.Outcome, result.Status));
        Assert.Equal(new UtanvetEllenorReputation(UtanvetEllenorFinding.UndeliverableMailbox, 0, 0, null, true, reason), result.Reputation);
    }

    [Fact]
    public async Task Status_451_is_an_opted_out_buyer_the_provider_says_nothing_about()
    {
        _provider.AnswerVerdict(451, reason: UtanvetEllenorReasons.OptedOut);

        var result = await RequestAsync();

        Assert.Equal((UtanvetEllenorOutcome.Accepted, (int?)451), (result.Outcome, result.Status));
        Assert.Equal(UtanvetEllenorFinding.OptedOut, result.Reputation!.Finding);
        Assert.Equal((0, 0), (result.Reputation.Good, result.Reputation.Bad));
    }

    [Fact]
    public async Task Status_402_is_an_exhausted_quota_of_its_own_not_a_retry()
    {
        _provider.AnswerVerdict(402, reason: UtanvetEllenorReasons.OutOfQuota);

        var result = await RequestAsync();

        Assert.Equal((UtanvetEllenorOutcome.QuotaExhausted, (int?)402, (UtanvetEllenorReputation?)null), (result.Outcome, result.Status, result.Reputation));
        Assert.Contains("quota", result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_and_counts_written_as_strings_and_a_flag_as_1_are_read()
    {
        _provider.AnswerWith(200, """{"status":"200","result":{"good":"2","bad":0,"reputation":1,"blocked":0,"reason":"Signals found, checks passed."}}""");

        var result = await RequestAsync();

        Assert.Equal(new UtanvetEllenorReputation(UtanvetEllenorFinding.Signals, 2, 0, 1.0, false, UtanvetEllenorReasons.Passed), result.Reputation);
    }

    [Fact]
    public async Task A_shop_exception_or_test_address_is_signals_with_the_reason()
    {
        _provider.AnswerVerdict(200, 0, 0, null, false, UtanvetEllenorReasons.ExceptionFound);

        var result = await RequestAsync();

        Assert.Equal(new UtanvetEllenorReputation(UtanvetEllenorFinding.Signals, 0, 0, null, false, UtanvetEllenorReasons.ExceptionFound), result.Reputation);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_test_address_answer_with_a_blocked_flag_and_no_counts_is_accepted_with_zero_counts_not_retried(bool blocked)
    {
        _provider.AnswerTestHash(blocked);

        var result = await RequestAsync();

        Assert.Equal((UtanvetEllenorOutcome.Accepted, (int?)200), (result.Outcome, result.Status));
        Assert.Equal(new UtanvetEllenorReputation(UtanvetEllenorFinding.Signals, 0, 0, null, blocked, UtanvetEllenorReasons.TestAddress), result.Reputation);
        Assert.StartsWith("0 collected, 0 refused, reputation not given", result.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"status":200,"result":{"good":1,"reputation":1,"blocked":false}}""", 1, 0)]
    [InlineData("""{"status":200,"result":{"bad":2,"blocked":true}}""", 0, 2)]
    [InlineData("""{"status":200,"result":{"good":null,"bad":null,"reputation":null,"blocked":false}}""", 0, 0)]
    public async Task Counts_left_out_of_a_status_200_answer_are_zero(string body, int good, int bad)
    {
        _provider.AnswerWith(200, body);

        var result = await RequestAsync();

        Assert.Equal(UtanvetEllenorOutcome.Accepted, result.Outcome);
        Assert.Equal((good, bad), (result.Reputation!.Good, result.Reputation.Bad));
    }

    [Fact]
    public async Task A_reason_the_provider_does_not_document_is_not_repeated()
    {
        _provider.AnswerVerdict(200, 1, 0, 1, false, $"Looked up {Email} for {PublicKey}");

        var result = await RequestAsync();

        Assert.Equal(UtanvetEllenorOutcome.Accepted, result.Outcome);
        Assert.Null(result.Reputation!.Reason);
        AssertNothingSecret(result.ToString(), "Looked up");
    }

    [Theory]
    [InlineData(401, UtanvetEllenorOutcome.Permanent, "API keys")]
    [InlineData(403, UtanvetEllenorOutcome.Permanent, "API keys")]
    [InlineData(400, UtanvetEllenorOutcome.Permanent, "invalid")]
    [InlineData(422, UtanvetEllenorOutcome.Permanent, "invalid")]
    [InlineData(429, UtanvetEllenorOutcome.Retryable, "429")]
    [InlineData(500, UtanvetEllenorOutcome.Retryable, "500")]
    [InlineData(503, UtanvetEllenorOutcome.Retryable, "503")]
    [InlineData(418, UtanvetEllenorOutcome.Permanent, "unknown")]
    public async Task Other_statuses_in_the_body_are_classified(int status, UtanvetEllenorOutcome outcome, string meaning)
    {
        _provider.AnswerWith(200, $$$"""{"status":{{{status}}},"result":{"reason":"{{{Email}}}"}}""");

        var result = await RequestAsync();

        Assert.Equal((outcome, (int?)status, (UtanvetEllenorReputation?)null), (result.Outcome, result.Status, result.Reputation));
        Assert.Contains(meaning, result.Meaning, StringComparison.Ordinal);
        AssertNothingSecret(result.ToString());
    }

    [Theory]
    [InlineData(500, """{"status":200,"result":{"good":1,"bad":0,"reputation":1,"blocked":false}}""")]
    [InlineData(502, "<html><body>Bad Gateway</body></html>")]
    [InlineData(503, "")]
    [InlineData(504, "upstream timed out")]
    [InlineData(408, "")]
    [InlineData(429, "slow down")]
    public async Task HTTP_5xx_408_and_429_are_retryable_whatever_the_body(int httpStatus, string body)
    {
        _provider.AnswerWith(httpStatus, body, "text/html");

        var result = await RequestAsync();

        Assert.Equal((UtanvetEllenorOutcome.Retryable, (int?)null, (UtanvetEllenorReputation?)null), (result.Outcome, result.Status, result.Reputation));
        Assert.Contains($"HTTP {httpStatus}", result.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, UtanvetEllenorOutcome.Permanent, "API keys")]
    [InlineData(403, UtanvetEllenorOutcome.Permanent, "API keys")]
    [InlineData(402, UtanvetEllenorOutcome.QuotaExhausted, "quota")]
    [InlineData(400, UtanvetEllenorOutcome.Permanent, "HTTP 400")]
    [InlineData(422, UtanvetEllenorOutcome.Permanent, "HTTP 422")]
    public async Task HTTP_errors_are_classified_by_status(int httpStatus, UtanvetEllenorOutcome outcome, string meaning)
    {
        _provider.AnswerWith(httpStatus, $$"""{"message":"{{Email}}"}""");

        var result = await RequestAsync();

        Assert.Equal(outcome, result.Outcome);
        Assert.Contains(meaning, result.Meaning, StringComparison.Ordinal);
        AssertNothingSecret(result.Meaning);
    }

    [Fact]
    public async Task An_HTTP_404_is_a_wrong_address_never_no_signals()
    {
        _provider.AnswerWith(404, """{"status":404,"result":{"good":0,"bad":0}}""");

        var result = await RequestAsync();

        Assert.Equal((UtanvetEllenorOutcome.Permanent, (UtanvetEllenorReputation?)null), (result.Outcome, result.Reputation));
        Assert.Contains("base address", result.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OK 23 3", "not JSON")]
    [InlineData("<!DOCTYPE html><html><body>Kovacs.Janos+cod@Example.hu</body></html>", "HTML")]
    [InlineData("", "empty")]
    [InlineData("  \r\n ", "empty")]
    [InlineData("""[{"status":200}]""", "not an object")]
    [InlineData("""{"status":200,"result":{"good":1""", "not JSON")]
    [InlineData("""{"result":{"good":1,"bad":0,"reputation":1,"blocked":false}}""", "without a status")]
    [InlineData("""{"status":"ok","result":{"good":1,"bad":0,"reputation":1,"blocked":false}}""", "without a status")]
    [InlineData("""{"status":200}""", "status 200 without a blocked flag")]
    [InlineData("""{"status":200,"result":null}""", "status 200 without a blocked flag")]
    [InlineData("""{"status":200,"result":{"good":-1,"bad":0,"reputation":1,"blocked":false}}""", "status 200 with counts or a reputation that make no sense")]
    [InlineData("""{"status":200,"result":{"good":1,"bad":0,"reputation":3,"blocked":false}}""", "status 200 with counts or a reputation that make no sense")]
    [InlineData("""{"status":200,"result":{"good":1,"bad":0,"reputation":"high","blocked":false}}""", "status 200 with counts or a reputation that make no sense")]
    [InlineData("""{"status":200,"result":{"good":"many","bad":0,"blocked":false}}""", "status 200 with counts or a reputation that make no sense")]
    [InlineData("""{"status":200,"result":{"good":1,"bad":0,"reputation":1}}""", "status 200 without a blocked flag")]
    public async Task An_unreadable_answer_is_retryable_and_says_what_it_was(string body, string meaning)
    {
        _provider.AnswerWith(200, body, "text/plain");

        var result = await RequestAsync();

        Assert.Equal((UtanvetEllenorOutcome.Retryable, (UtanvetEllenorReputation?)null), (result.Outcome, result.Reputation));
        Assert.Contains(meaning, result.Meaning, StringComparison.Ordinal);
        AssertNothingSecret(result.ToString());
    }

    [Fact]
    public async Task A_JSON_answer_with_a_byte_order_mark_is_read()
    {
        _provider.AnswerWith(200, "\uFEFF" + FakeUtanvetEllenor.Verdict(404, 0, 0, null, false, UtanvetEllenorReasons.NoSignals));

        Assert.Equal(UtanvetEllenorOutcome.Accepted, (await RequestAsync()).Outcome);
    }

    [Fact]
    public async Task An_answer_larger_than_the_limit_is_retryable_unread()
    {
        _provider.AnswerWith(200, FakeUtanvetEllenor.Verdict(200, 1, 0, 1, false, new string('x', 5000)));

        var result = await Client(maxResponseBytes: 1024).RequestAsync(Credentials(_provider.BaseAddress), Buyer, Threshold, null, CancellationToken.None);

        Assert.Equal(UtanvetEllenorOutcome.Retryable, result.Outcome);
        Assert.Contains("larger than 1024 bytes", result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_retryable()
    {
        _provider.Hang();

        var result = await Client(TimeSpan.FromMilliseconds(300)).RequestAsync(Credentials(_provider.BaseAddress), Buyer, Threshold, null, CancellationToken.None);

        Assert.Equal((UtanvetEllenorOutcome.Retryable, (int?)null), (result.Outcome, result.Status));
        Assert.Contains("did not answer within 0.3 s", result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_retryable()
    {
        var result = await Client().RequestAsync(Credentials(Loopback.ClosedPort()), Buyer, Threshold, null, CancellationToken.None);

        Assert.Equal(UtanvetEllenorOutcome.Retryable, result.Outcome);
        Assert.Contains("could not reach Utánvét Ellenőr", result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_breaks_mid_answer_is_retryable()
    {
        _provider.BreakMidAnswer();

        var result = await RequestAsync();

        Assert.Equal(UtanvetEllenorOutcome.Retryable, result.Outcome);
        AssertNothingSecret(result.Meaning);
    }

    [Fact]
    public async Task The_callers_cancellation_propagates()
    {
        _provider.Hang();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Client().RequestAsync(Credentials(_provider.BaseAddress), Buyer, Threshold, null, cancel.Token));
    }

    [Fact]
    public async Task A_base_address_with_a_path_keeps_it()
    {
        await Client().RequestAsync(Credentials(new Uri(_provider.BaseAddress, "gateway/uvb")), Buyer, Threshold, null, CancellationToken.None);

        Assert.Equal("/gateway/uvb/api/v2/request", Assert.Single(_provider.Received).Path);
    }

    [Theory]
    [InlineData("36209238883", null)]
    [InlineData("+36 20 923 8883", null)]
    [InlineData("+0209238883", null)]
    [InlineData("+1234", null)]
    [InlineData("+3620923888312345", null)]
    [InlineData(null, "HUN")]
    [InlineData(null, "H1")]
    public async Task A_phone_or_country_the_provider_cannot_take_is_permanent_and_never_sent(string? phone, string? country)
    {
        var result = await Client().RequestAsync(Credentials(_provider.BaseAddress), FullBuyer with { PhoneNumber = phone, CountryCode = country }, Threshold, null, CancellationToken.None);

        Assert.Equal(UtanvetEllenorOutcome.Permanent, result.Outcome);
        AssertNothingSecret(result.Meaning, phone ?? Email);
        Assert.Empty(_provider.Received);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_buyer_without_an_email_is_permanent_and_never_sent(string email)
    {
        var result = await Client().RequestAsync(Credentials(_provider.BaseAddress), new UtanvetEllenorBuyer(email), Threshold, null, CancellationToken.None);

        Assert.Equal(UtanvetEllenorOutcome.Permanent, result.Outcome);
        Assert.Empty(_provider.Received);
    }

    [Theory]
    [InlineData("", PrivateKey)]
    [InlineData(PublicKey, " ")]
    public async Task Missing_keys_are_permanent_and_never_sent(string publicKey, string privateKey)
    {
        var result = await Client().RequestAsync(new UtanvetEllenorCredentials(_provider.BaseAddress, publicKey, privateKey), Buyer, Threshold, null, CancellationToken.None);

        Assert.Equal(UtanvetEllenorOutcome.Permanent, result.Outcome);
        Assert.Empty(_provider.Received);
    }

    [Fact]
    public async Task A_relative_base_address_is_a_permanent_configuration_error()
    {
        var result = await Client().RequestAsync(Credentials(new Uri("uvb", UriKind.Relative)), Buyer, Threshold, null, CancellationToken.None);

        Assert.Equal(UtanvetEllenorOutcome.Permanent, result.Outcome);
    }

    [Theory]
    [InlineData(1.01)]
    [InlineData(-1.01)]
    [InlineData(double.NaN)]
    [InlineData(80)]
    public async Task A_threshold_off_the_providers_scale_is_a_programming_error(double threshold)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Client().RequestAsync(Credentials(_provider.BaseAddress), Buyer, threshold, null, CancellationToken.None));

        AssertNothingSecret(error.Message);
        Assert.Empty(_provider.Received);
    }

    [Fact]
    public void Credentials_buyers_and_results_print_without_keys_or_personal_data()
    {
        var printed = $"{Credentials(UtanvetEllenorCredentials.DefaultBaseAddress)} {FullBuyer} {new UtanvetEllenorBuyer(Email)}";

        AssertNothingSecret(printed, PostalCode);
        Assert.Contains("PhoneNumber = (hidden)", printed, StringComparison.Ordinal);
        Assert.Contains("PhoneNumber = (none)", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_that_cannot_work_are_refused()
    {
        var validator = new UtanvetEllenorOptionsValidator();
        Assert.Equal("Reputation:Upstream:RequestTimeout must be positive.", validator.Validate(null, new UtanvetEllenorOptions { RequestTimeout = TimeSpan.Zero }).FailureMessage);
        Assert.True(validator.Validate(null, new UtanvetEllenorOptions { SignalTimeout = TimeSpan.FromSeconds(-1) }).Failed);
        Assert.True(validator.Validate(null, new UtanvetEllenorOptions { MaxResponseBytes = 10 }).Failed);
        Assert.True(validator.Validate(null, new UtanvetEllenorOptions { CacheTtl = TimeSpan.Zero }).Failed);
        Assert.True(validator.Validate(null, new UtanvetEllenorOptions()).Succeeded);
    }

    private Task<UtanvetEllenorRequestResult> RequestAsync() =>
        Client().RequestAsync(Credentials(_provider.BaseAddress), Buyer, Threshold, null, CancellationToken.None);
}
