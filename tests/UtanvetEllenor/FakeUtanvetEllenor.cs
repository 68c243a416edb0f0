using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansShop.Tests.UtanvetEllenor;

/// <summary>
/// A stand-in for Utánvét Ellenőr's API v2: a real ASP.NET Core server on a loopback port that
/// records every call and answers as a test tells it — a verdict with counts, any other status,
/// HTTP errors, garbage, HTML, nothing, a broken connection, or no answer until the client gives up.
/// </summary>
public sealed class FakeUtanvetEllenor : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedCall> _received = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _next = new();
    private readonly CancellationTokenSource _stopping = new();
    private volatile Func<HttpContext, Task> _answer = Respond(200, Verdict(200, 23, 3, 20.0 / 26, false, "Signals found, checks passed."));

    private FakeUtanvetEllenor(WebApplication app)
    {
        _app = app;
        _app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            _received.Enqueue(new ReceivedCall(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.Headers.Authorization.ToString(),
                context.Request.Headers.Accept.ToString(),
                context.Request.ContentType,
                body.ToArray()));
            await (_next.TryDequeue(out var once) ? once : _answer)(context);
        });
    }

    public Uri BaseAddress => new(_app.Urls.First());

    public IReadOnlyList<ReceivedCall> Received => [.. _received];

    public static async Task<FakeUtanvetEllenor> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var fake = new FakeUtanvetEllenor(builder.Build());
        await fake._app.StartAsync();
        return fake;
    }

    /// <summary>The provider's own form: HTTP 200 with a <c>status</c> and a <c>result</c>.</summary>
    public static string Verdict(int status, int good, int bad, double? reputation, bool blocked, string reason) =>
        JsonSerializer.Serialize(new { status, result = new { good, bad, reputation, blocked, reason } });

    public void AnswerWith(int httpStatus, string body, string contentType = "application/json") => _answer = Respond(httpStatus, body, contentType);

    /// <summary>HTTP 200 with the provider's verdict of <paramref name="status"/>.</summary>
    public void AnswerVerdict(int status, int good = 0, int bad = 0, double? reputation = null, bool blocked = false, string reason = "") =>
        AnswerWith(200, Verdict(status, good, bad, reputation, blocked, reason));

    /// <summary>The next call only gets this answer; later ones get the standing answer.</summary>
    public void AnswerNextWith(int httpStatus, string body) => _next.Enqueue(Respond(httpStatus, body));

    /// <summary>Headers and half a body, then the connection drops.</summary>
    public void BreakMidAnswer() => _answer = async context =>
    {
        context.Response.ContentLength = 1000;
        await context.Response.WriteAsync("""{"status":2""");
        await context.Response.Body.FlushAsync();
        context.Abort();
    };

    /// <summary>Never answers; a call ends only when the client gives up or the fake stops.</summary>
    public void Hang() => _answer = async context =>
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    };

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private static Func<HttpContext, Task> Respond(int status, string body, string contentType = "application/json") => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
    };
}

public sealed record ReceivedCall(string Method, string Path, string Authorization, string Accept, string? ContentType, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}
