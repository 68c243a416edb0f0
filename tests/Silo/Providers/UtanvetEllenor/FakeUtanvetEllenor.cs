using System.Text.Json;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Providers.UtanvetEllenor;

/// <summary>Utánvét Ellenőr's API v2 on loopback: answers with the provider's verdicts, or anything else a test arranges.</summary>
public sealed class FakeUtanvetEllenor : FakeProviderServer
{
    private FakeUtanvetEllenor()
        : base(200, Verdict(200, 23, 3, 20.0 / 26, false, "Signals found, checks passed."), "application/json")
    {
    }

    public static async Task<FakeUtanvetEllenor> StartAsync()
    {
        var fake = new FakeUtanvetEllenor();
        await fake.StartServerAsync();
        return fake;
    }

    /// <summary>The provider's own form: HTTP 200 with a <c>status</c> and a <c>result</c>.</summary>
    public static string Verdict(int status, int good, int bad, double? reputation, bool blocked, string reason) =>
        JsonSerializer.Serialize(new { status, result = new { good, bad, reputation, blocked, reason } });

    /// <summary>HTTP 200 with the provider's verdict of <paramref name="status"/>.</summary>
    public void AnswerVerdict(int status, int good = 0, int bad = 0, double? reputation = null, bool blocked = false, string reason = "") =>
        AnswerWith(200, Verdict(status, good, bad, reputation, blocked, reason));

    /// <summary>
    /// The provider's answer for its test address (reason "Test hash was used."): status 200 and a
    /// <c>blocked</c> flag, but no counts and no reputation. Its official plugin reads only <c>blocked</c>.
    /// </summary>
    public static string TestHash(bool blocked) =>
        JsonSerializer.Serialize(new { status = 200, result = new { blocked, reason = "Test hash was used." } });

    /// <summary>HTTP 200 with the test address's answer, to requests and signals alike.</summary>
    public void AnswerTestHash(bool blocked = false) => AnswerWith(200, TestHash(blocked));

    public void BreakMidAnswer() => BreakMidAnswer("""{"status":2""");
}
