using OrleansShop.Silo.Providers.Netgsm;
using static OrleansShop.Tests.Silo.Providers.Netgsm.NetgsmTesting;

namespace OrleansShop.Tests.Silo.Providers.Netgsm;

public sealed class NetgsmInboxTests : IAsyncLifetime
{
    private static readonly TimeSpan Turkey = TimeSpan.FromHours(3);

    // 12:05:07 and 00:30:00 the next day in Turkey: the range crosses midnight there but not in UTC.
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 9, 5, 7, TimeSpan.Zero);
    private static readonly DateTimeOffset Stop = new(2024, 3, 1, 21, 30, 0, TimeSpan.Zero);

    private FakeNetgsm _netgsm = null!;

    public async Task InitializeAsync() => _netgsm = await FakeNetgsm.StartAsync();

    public async Task DisposeAsync() => await _netgsm.DisposeAsync();

    [Fact]
    public async Task The_inbox_is_a_GET_with_a_date_range_in_Turkeys_time_and_Basic_auth()
    {
        _netgsm.AnswerWith(200, """{"code":"40","messages":null}""");

        await ReadAsync();

        var request = Assert.Single(_netgsm.Received);
        Assert.Equal(("GET", "/sms/rest/v2/inbox"), (request.Method, request.Path));
        Assert.Equal("01032024120507", request.Query["startdate"]);
        Assert.Equal("02032024003000", request.Query["stopdate"]);
        Assert.Equal($"Basic {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{UserCode}:{Password}"))}", request.Authorization);
    }

    [Fact]
    public async Task Listed_messages_are_read_with_their_time_in_Turkeys_offset()
    {
        _netgsm.AnswerWith(200, """
            {"code":"00","description":"success","messages":[
              {"message":"onay 10023","sender":"5321234567","receiver":"8503050000","datetime":"15.01.2023 14:30:00"},
              {"message":"İPTAL 10024 teşekkürler","sender":"905447654321","receiver":"8503050000","datetime":"16.01.2023 09:05:59"}]}
            """);

        var result = await ReadAsync();

        Assert.Equal((NetgsmOutcome.Accepted, "00"), (result.Outcome, result.Code));
        Assert.Equal(
            [
                new NetgsmInboxMessage("onay 10023", Number, "8503050000", new DateTimeOffset(2023, 1, 15, 14, 30, 0, Turkey)),
                new NetgsmInboxMessage("İPTAL 10024 teşekkürler", "905447654321", "8503050000", new DateTimeOffset(2023, 1, 16, 9, 5, 59, Turkey)),
            ],
            result.Messages);
        Assert.Equal(new DateTimeOffset(2023, 1, 15, 11, 30, 0, TimeSpan.Zero), result.Messages[0].ReceivedAt);
    }

    [Theory]
    [InlineData(406)]
    [InlineData(200)]
    public async Task Code_40_is_an_empty_inbox_not_an_error(int status)
    {
        _netgsm.AnswerWith(status, """{"code":"40","description":"no messages"}""");

        var result = await ReadAsync();

        Assert.Equal((NetgsmOutcome.Accepted, "40"), (result.Outcome, result.Code));
        Assert.Empty(result.Messages);
    }

    [Theory]
    [InlineData("""{"code":"00"}""")]
    [InlineData("""{"code":"00","messages":null}""")]
    [InlineData("""{"code":"00","messages":[]}""")]
    public async Task Success_without_messages_is_an_empty_inbox(string body)
    {
        _netgsm.AnswerWith(200, body);

        var result = await ReadAsync();

        Assert.Equal(NetgsmOutcome.Accepted, result.Outcome);
        Assert.Empty(result.Messages);
    }

    [Theory]
    [InlineData("30", NetgsmOutcome.Permanent)]
    [InlineData("70", NetgsmOutcome.Permanent)]
    [InlineData("80", NetgsmOutcome.Retryable)]
    [InlineData("100", NetgsmOutcome.Retryable)]
    [InlineData("101", NetgsmOutcome.Retryable)]
    public async Task Inbox_error_codes_are_classified(string code, NetgsmOutcome outcome)
    {
        _netgsm.AnswerCode(code);

        var result = await ReadAsync();

        Assert.Equal((outcome, code), (result.Outcome, result.Code));
        Assert.Empty(result.Messages);
        AssertNothingPersonal(result.Meaning);
    }

    [Fact]
    public async Task Code_80_is_the_report_APIs_rate_limit_a_read_worth_trying_again()
    {
        _netgsm.AnswerInboxCode("80");

        var result = await ReadAsync();

        Assert.Equal((NetgsmOutcome.Retryable, "80", "the inbox read rate limit was exceeded"), (result.Outcome, result.Code, result.Meaning));
    }

    [Theory]
    [InlineData(200, "<html><body>maintenance</body></html>")]
    [InlineData(200, "")]
    [InlineData(200, "garbage")]
    [InlineData(503, """{"code":"00","messages":[]}""")]
    [InlineData(200, """{"code":"00","messages":{"message":"onay 1"}}""")]
    [InlineData(200, """{"code":"00","messages":[{"message":"onay 1","receiver":"8503050000","datetime":"15.01.2023 14:30:00"}]}""")]
    [InlineData(200, """{"code":"00","messages":[{"message":"onay 1","sender":"5321234567","receiver":"8503050000","datetime":"yesterday"}]}""")]
    [InlineData(200, """{"code":"00","messages":[{"message":"onay 1","sender":"5321234567","receiver":"8503050000"}]}""")]
    public async Task An_unreadable_inbox_is_retryable_and_lists_nothing(int status, string body)
    {
        _netgsm.AnswerWith(status, body);

        var result = await ReadAsync();

        Assert.Equal(NetgsmOutcome.Retryable, result.Outcome);
        Assert.Empty(result.Messages);
        AssertNothingPersonal(result.Meaning, "5321234567");
    }

    [Fact]
    public async Task An_inbox_that_does_not_answer_in_time_is_retryable()
    {
        _netgsm.Hang();

        var result = await Client(TimeSpan.FromMilliseconds(300)).ReadInboxAsync(Credentials(_netgsm.BaseAddress), Start, Stop, CancellationToken.None);

        Assert.Equal(NetgsmOutcome.Retryable, result.Outcome);
    }

    [Fact]
    public async Task An_unreachable_inbox_is_retryable()
    {
        var result = await Client().ReadInboxAsync(Credentials(ClosedPort()), Start, Stop, CancellationToken.None);

        Assert.Equal(NetgsmOutcome.Retryable, result.Outcome);
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_is_a_programming_error() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Client().ReadInboxAsync(Credentials(_netgsm.BaseAddress), Stop, Start, CancellationToken.None));

    [Fact]
    public void An_inbox_message_prints_without_its_text_or_numbers()
    {
        var printed = new NetgsmInboxMessage("onay 10023", Number, "8503050000", Start).ToString();

        Assert.DoesNotContain(Number, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("8503050000", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("onay", printed, StringComparison.Ordinal);
    }

    private Task<NetgsmInboxResult> ReadAsync() =>
        Client().ReadInboxAsync(Credentials(_netgsm.BaseAddress), Start, Stop, CancellationToken.None);
}
