using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.Netgsm;
using static OrleansShop.Tests.Silo.Providers.Netgsm.NetgsmTesting;

namespace OrleansShop.Tests.Silo.Providers.Netgsm;

public sealed class NetgsmSendTests : IAsyncLifetime
{
    private const string Text = "Sn. Şükrü Öztürk, 10023 numaralı siparişinizi onaylamak için ONAY 10023 yazıp gönderin.";

    private FakeNetgsm _netgsm = null!;

    public async Task InitializeAsync() => _netgsm = await FakeNetgsm.StartAsync();

    public async Task DisposeAsync() => await _netgsm.DisposeAsync();

    [Fact]
    public async Task An_accepted_send_returns_Netgsms_job_id()
    {
        _netgsm.AnswerWith(200, """{"code":"00","jobid":"17377215342605050417149344","description":"queued"}""");

        var result = await SendAsync();

        Assert.Equal(new NetgsmSendResult(NetgsmOutcome.Accepted, "00", "17377215342605050417149344", "accepted for delivery"), result);
    }

    [Fact]
    public async Task The_send_is_a_POST_to_the_REST_v2_send_path_with_Basic_auth()
    {
        await SendAsync();

        var request = Assert.Single(_netgsm.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/sms/rest/v2/send", request.Path);
        Assert.StartsWith("Basic ", request.Authorization, StringComparison.Ordinal);
        Assert.Equal($"{UserCode}:{Password}", Encoding.UTF8.GetString(Convert.FromBase64String(request.Authorization["Basic ".Length..])));
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
    }

    [Fact]
    public async Task The_body_carries_header_Turkish_encoding_no_IYS_filter_and_each_message()
    {
        await SendAsync(new NetgsmMessage(Text, Number), new NetgsmMessage("ikinci", "5447654321"));

        using var body = JsonDocument.Parse(Assert.Single(_netgsm.Received).Body);
        var root = body.RootElement;
        Assert.Equal(Header, root.GetProperty("msgheader").GetString());
        Assert.Equal("TR", root.GetProperty("encoding").GetString());
        Assert.Equal("0", root.GetProperty("iysfilter").GetString());
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal([Text, "ikinci"], messages.Select(m => m.GetProperty("msg").GetString()));
        Assert.Equal([Number, "5447654321"], messages.Select(m => m.GetProperty("no").GetString()));
        Assert.All(messages, m => Assert.Matches("^[0-9]{10}$", m.GetProperty("no").GetString()));
    }

    [Fact]
    public async Task Turkish_letters_travel_as_UTF8_not_escapes()
    {
        await SendAsync();

        var raw = Assert.Single(_netgsm.Received).BodyText;
        Assert.Contains("Şükrü Öztürk", raw, StringComparison.Ordinal);
        Assert.Contains("numaralı siparişinizi", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_address_with_a_path_keeps_it()
    {
        var client = Client();

        await client.SendAsync(Credentials(new Uri(_netgsm.BaseAddress, "gateway/netgsm")), Header, [new(Text, Number)], CancellationToken.None);

        Assert.Equal("/gateway/netgsm/sms/rest/v2/send", Assert.Single(_netgsm.Received).Path);
    }

    [Theory]
    [InlineData("80", "rate")]
    [InlineData("85", "same number")]
    [InlineData("100", "system error")]
    [InlineData("101", "system error")]
    public async Task Rate_limits_and_Netgsm_system_errors_are_retryable(string code, string meaning)
    {
        _netgsm.AnswerCode(code);

        var result = await SendAsync();

        Assert.Equal((NetgsmOutcome.Retryable, code, (string?)null), (result.Outcome, result.Code, result.JobId));
        Assert.Contains(meaning, result.Meaning, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("20", "text")]
    [InlineData("30", "password")]
    [InlineData("40", "header")]
    [InlineData("50", "IYS")]
    [InlineData("51", "IYS brand")]
    [InlineData("70", "parameter")]
    public async Task Text_credential_header_IYS_and_parameter_errors_are_permanent_with_their_meaning(string code, string meaning)
    {
        _netgsm.AnswerCode(code);

        var result = await SendAsync();

        Assert.Equal((NetgsmOutcome.Permanent, code, (string?)null), (result.Outcome, result.Code, result.JobId));
        Assert.Contains(meaning, result.Meaning, StringComparison.OrdinalIgnoreCase);
        AssertNothingPersonal(result.Meaning, Text);
    }

    [Fact]
    public async Task An_undocumented_code_is_permanent_so_an_operator_looks()
    {
        _netgsm.AnswerCode("99");

        var result = await SendAsync();

        Assert.Equal((NetgsmOutcome.Permanent, "99"), (result.Outcome, result.Code));
        Assert.Contains("unknown", result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_written_as_a_number_reads_like_the_string()
    {
        _netgsm.AnswerWith(200, """{"code":0,"jobid":123}""");

        var result = await SendAsync();

        Assert.Equal((NetgsmOutcome.Accepted, "00", "123"), (result.Outcome, result.Code, result.JobId));
    }

    [Theory]
    [InlineData(500, """{"code":"00","jobid":"1"}""")]
    [InlineData(502, "<html><body>Bad Gateway</body></html>")]
    [InlineData(503, "")]
    [InlineData(504, "upstream timed out")]
    public async Task HTTP_5xx_is_retryable_whatever_its_body(int status, string body)
    {
        _netgsm.AnswerWith(status, body, "text/html");

        var result = await SendAsync();

        Assert.Equal((NetgsmOutcome.Retryable, (string?)null), (result.Outcome, result.Code));
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, "OK 17377215342605050417149344", "not JSON")]
    [InlineData(200, "<!DOCTYPE html><html><head><title>Netgsm</title></head><body>5321234567</body></html>", "HTML")]
    [InlineData(200, "", "empty")]
    [InlineData(200, "  \r\n ", "empty")]
    [InlineData(200, """{"jobid":"1"}""", "without a code")]
    [InlineData(200, """[{"code":"00"}]""", "without a code")]
    [InlineData(200, """{"code":"00","jobid":""", "not JSON")]
    [InlineData(406, "Not Acceptable", "not JSON")]
    [InlineData(406, """{"code":null}""", "without a code")]
    public async Task An_unreadable_answer_is_retryable_and_says_what_it_was(int status, string body, string meaning)
    {
        _netgsm.AnswerWith(status, body, "text/plain");

        var result = await SendAsync();

        Assert.Equal((NetgsmOutcome.Retryable, (string?)null, (string?)null), (result.Outcome, result.Code, result.JobId));
        Assert.Contains(meaning, result.Meaning, StringComparison.Ordinal);
        AssertNothingPersonal(result.Meaning, Text);
    }

    [Fact]
    public async Task A_JSON_answer_with_a_byte_order_mark_is_read()
    {
        _netgsm.AnswerWith(200, "\uFEFF{\"code\":\"00\",\"jobid\":\"7\"}");

        Assert.Equal(NetgsmOutcome.Accepted, (await SendAsync()).Outcome);
    }

    [Theory]
    [InlineData(401, NetgsmOutcome.Permanent)]
    [InlineData(403, NetgsmOutcome.Permanent)]
    [InlineData(404, NetgsmOutcome.Permanent)]
    [InlineData(408, NetgsmOutcome.Retryable)]
    [InlineData(429, NetgsmOutcome.Retryable)]
    public async Task Other_HTTP_errors_without_a_code_are_classified_by_status(int status, NetgsmOutcome outcome)
    {
        _netgsm.AnswerWith(status, string.Empty);

        Assert.Equal(outcome, (await SendAsync()).Outcome);
    }

    [Fact]
    public async Task An_answer_larger_than_the_limit_is_retryable_unread()
    {
        _netgsm.AnswerWith(200, $$"""{"code":"00","jobid":"{{new string('9', 5000)}}"}""");
        var client = Client(maxResponseBytes: 1024);

        var result = await client.SendAsync(Credentials(_netgsm.BaseAddress), Header, [new(Text, Number)], CancellationToken.None);

        Assert.Equal(NetgsmOutcome.Retryable, result.Outcome);
        Assert.Contains("larger than 1024 bytes", result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_retryable()
    {
        _netgsm.Hang();
        var client = Client(TimeSpan.FromMilliseconds(300));

        var result = await client.SendAsync(Credentials(_netgsm.BaseAddress), Header, [new(Text, Number)], CancellationToken.None);

        Assert.Equal((NetgsmOutcome.Retryable, (string?)null), (result.Outcome, result.Code));
        Assert.Contains("did not answer within 0.3 s", result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_retryable()
    {
        var result = await Client().SendAsync(Credentials(ClosedPort()), Header, [new(Text, Number)], CancellationToken.None);

        Assert.Equal((NetgsmOutcome.Retryable, (string?)null), (result.Outcome, result.Code));
        Assert.Contains("could not reach Netgsm", result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_breaks_mid_answer_is_retryable()
    {
        _netgsm.BreakMidAnswer();

        var result = await SendAsync();

        Assert.Equal(NetgsmOutcome.Retryable, result.Outcome);
        AssertNothingPersonal(result.Meaning, Text);
    }

    [Fact]
    public async Task The_callers_cancellation_propagates()
    {
        _netgsm.Hang();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Client().SendAsync(Credentials(_netgsm.BaseAddress), Header, [new(Text, Number)], cancel.Token));
    }

    [Theory]
    [InlineData("+905321234567")]
    [InlineData("05321234567")]
    [InlineData("532123456")]
    [InlineData("532 123 45 67")]
    [InlineData("")]
    public async Task A_number_that_is_not_ten_digits_is_permanent_and_never_sent(string number)
    {
        var result = await SendAsync(new NetgsmMessage(Text, Number), new NetgsmMessage(Text, number));

        Assert.Equal((NetgsmOutcome.Permanent, (string?)null), (result.Outcome, result.Code));
        Assert.Contains("message 2", result.Meaning, StringComparison.Ordinal);
        AssertNothingPersonal(result.Meaning, number.Length > 0 ? number : Text);
        Assert.Empty(_netgsm.Received);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("TWELVECHARSX")]
    public async Task A_sender_header_Netgsm_cannot_take_is_permanent_and_never_sent(string header)
    {
        var result = await Client().SendAsync(Credentials(_netgsm.BaseAddress), header, [new(Text, Number)], CancellationToken.None);

        Assert.Equal(NetgsmOutcome.Permanent, result.Outcome);
        Assert.Empty(_netgsm.Received);
    }

    [Fact]
    public async Task A_relative_base_address_is_a_permanent_configuration_error()
    {
        var result = await Client().SendAsync(Credentials(new Uri("netgsm", UriKind.Relative)), Header, [new(Text, Number)], CancellationToken.None);

        Assert.Equal(NetgsmOutcome.Permanent, result.Outcome);
    }

    [Fact]
    public async Task A_send_without_messages_is_a_programming_error() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Client().SendAsync(Credentials(_netgsm.BaseAddress), Header, [], CancellationToken.None));

    [Fact]
    public void Credentials_and_messages_print_without_password_number_or_text()
    {
        var printed = $"{Credentials(_netgsm.BaseAddress)} {new NetgsmMessage(Text, Number)}";

        Assert.Contains(UserCode, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(Number, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Şükrü", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_that_cannot_work_are_refused()
    {
        var validator = new NetgsmOptionsValidator();
        Assert.Equal("Sms:Netgsm:Timeout must be positive.", validator.Validate(null, new NetgsmOptions { Timeout = TimeSpan.Zero }).FailureMessage);
        Assert.True(validator.Validate(null, new NetgsmOptions { MaxResponseBytes = 10 }).Failed);
        Assert.True(validator.Validate(null, new NetgsmOptions { BaseAddress = new Uri("/relative", UriKind.Relative) }).Failed);
        Assert.True(validator.Validate(null, new NetgsmOptions()).Succeeded);
    }

    private Task<NetgsmSendResult> SendAsync(params NetgsmMessage[] messages) =>
        Client().SendAsync(Credentials(_netgsm.BaseAddress), Header, messages.Length > 0 ? messages : [new(Text, Number)], CancellationToken.None);
}
