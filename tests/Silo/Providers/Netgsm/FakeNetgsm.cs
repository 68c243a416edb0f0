using Microsoft.AspNetCore.Http;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Providers.Netgsm;

/// <summary>Netgsm's API on loopback: sends answer as arranged; inbox reads have an answer of their own.</summary>
public sealed class FakeNetgsm : FakeProviderServer
{
    private volatile Func<HttpContext, Task>? _inboxAnswer;

    private FakeNetgsm()
        : base(200, """{"code":"00","jobid":"1"}""", "application/json;charset=UTF-8")
    {
    }

    /// <summary>Send requests, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> SendRequests => [.. Received.Where(r => r.Path.EndsWith("/send", StringComparison.Ordinal))];

    public static async Task<FakeNetgsm> StartAsync()
    {
        var fake = new FakeNetgsm();
        await fake.StartServerAsync();
        return fake;
    }

    /// <summary>Netgsm's error form: HTTP 406 with a code.</summary>
    public void AnswerCode(string code) => AnswerWith(406, $$"""{"code":"{{code}}","jobid":null,"description":"error"}""");

    /// <summary>What inbox reads answer from now on (until then, the standing answer).</summary>
    public void AnswerInboxWith(string body) => _inboxAnswer = Respond(200, body, "application/json;charset=UTF-8");

    /// <summary>What inbox reads answer from now on: Netgsm's error form with <paramref name="code"/> (80: the report API's rate limit).</summary>
    public void AnswerInboxCode(string code) => _inboxAnswer = Respond(406, $$"""{"code":"{{code}}","description":"error"}""", "application/json;charset=UTF-8");

    /// <summary>Inbox reads, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> InboxReads => [.. Received.Where(r => r.Path.EndsWith("/inbox", StringComparison.Ordinal))];

    public void BreakMidAnswer() => BreakMidAnswer("""{"code":"0""");

    // One-shot answers are for sends only, so a poller reading the inbox cannot use them up.
    protected override Func<HttpContext, Task>? AnswerFor(HttpContext context) =>
        context.Request.Path.Value?.EndsWith("/inbox", StringComparison.Ordinal) == true ? _inboxAnswer ?? StandingAnswer : null;
}
