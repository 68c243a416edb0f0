using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansShop.Tests.Netgsm;

/// <summary>
/// A stand-in for Netgsm's API: a real ASP.NET Core server on a loopback port that records every
/// request and answers as a test tells it — success, an error code, 5xx, garbage, HTML, nothing,
/// a broken connection, or no answer at all until the client gives up.
/// </summary>
public sealed class FakeNetgsm : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _next = new();
    private volatile Func<HttpContext, Task> _answer = Respond(200, """{"code":"00","jobid":"1"}""");
    private volatile Func<HttpContext, Task>? _inboxAnswer;

    private FakeNetgsm(WebApplication app)
    {
        _app = app;
        _app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            _received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
                context.Request.Headers.Authorization.ToString(),
                context.Request.ContentType,
                body.ToArray()));
            // One-shot answers are for sends only, so a poller reading the inbox cannot use them up.
            var answer = context.Request.Path.Value?.EndsWith("/inbox", StringComparison.Ordinal) == true ? _inboxAnswer ?? _answer
                : _next.TryDequeue(out var once) ? once
                : _answer;
            await answer(context);
        });
    }

    public Uri BaseAddress => new(_app.Urls.First());

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<FakeNetgsm> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var fake = new FakeNetgsm(builder.Build());
        await fake._app.StartAsync();
        return fake;
    }

    public void AnswerWith(int status, string body, string contentType = "application/json;charset=UTF-8") =>
        _answer = Respond(status, body, contentType);

    /// <summary>The next send request only gets this answer; later ones get the standing answer.</summary>
    public void AnswerNextWith(int status, string body) => _next.Enqueue(Respond(status, body));

    /// <summary>The next send request hangs until the client gives up.</summary>
    public void HangNext() => _next.Enqueue(HangUntilAborted);

    /// <summary>What inbox reads answer from now on (until then, the standing answer).</summary>
    public void AnswerInboxWith(string body) => _inboxAnswer = Respond(200, body);

    /// <summary>Send requests that were answered with success.</summary>
    public IReadOnlyList<ReceivedRequest> SendRequests => [.. _received.Where(r => r.Path.EndsWith("/send", StringComparison.Ordinal))];

    /// <summary>Netgsm's error form: HTTP 406 with a code.</summary>
    public void AnswerCode(string code) => AnswerWith(406, $$"""{"code":"{{code}}","jobid":null,"description":"error"}""");

    /// <summary>Headers and half a body, then the connection drops.</summary>
    public void BreakMidAnswer() => _answer = async context =>
    {
        context.Response.ContentLength = 1000;
        await context.Response.WriteAsync("""{"code":"0""");
        await context.Response.Body.FlushAsync();
        context.Abort();
    };

    /// <summary>Never answers; the request ends only when the client gives up or the fake stops.</summary>
    public void Hang() => _answer = HangUntilAborted;

    private async Task HangUntilAborted(HttpContext context)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private static Func<HttpContext, Task> Respond(int status, string body, string contentType = "application/json;charset=UTF-8") => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
    };
}

public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string Authorization, string? ContentType, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}
