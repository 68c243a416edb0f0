using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansShop.Tests.Infrastructure;

/// <summary>
/// A stand-in for a provider's HTTP API: a real ASP.NET Core server on a loopback port that
/// records every request and answers as a test tells it — a standing answer, one-shot answers
/// queued ahead of it, 5xx, garbage, nothing, a broken connection, or no answer until the client
/// gives up. Each provider's fake adds only what is its own.
/// </summary>
public abstract class FakeProviderServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _next = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _contentType;
    private WebApplication? _app;
    private volatile Func<HttpContext, Task> _answer;

    protected FakeProviderServer(int status, string body, string contentType)
    {
        _contentType = contentType;
        _answer = Respond(status, body, contentType);
    }

    public Uri BaseAddress => new(_app!.Urls.First());

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <summary>The answer every request gets unless something else was arranged.</summary>
    protected Func<HttpContext, Task> StandingAnswer => _answer;

    public void AnswerWith(int status, string body, string? contentType = null) => _answer = Respond(status, body, contentType ?? _contentType);

    /// <summary>A standing answer computed from each request (a provider with state of its own).</summary>
    protected void AnswerWith(Func<HttpContext, Task> answer) => _answer = answer;

    /// <summary>The next request gets this computed answer.</summary>
    protected void AnswerNextWith(Func<HttpContext, Task> answer) => _next.Enqueue(answer);

    /// <summary>The next request (of those <see cref="AnswerFor"/> leaves alone) gets this; later ones the standing answer.</summary>
    public void AnswerNextWith(int status, string body) => _next.Enqueue(Respond(status, body, _contentType));

    /// <summary>Never answers; a request ends only when the client gives up or the fake stops.</summary>
    public void Hang() => _answer = HangUntilAbortedAsync;

    /// <summary>The next request hangs until the client gives up.</summary>
    public void HangNext() => _next.Enqueue(HangUntilAbortedAsync);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static Func<HttpContext, Task> Respond(int status, string body, string contentType) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
    };

    /// <summary>Headers and the start of <paramref name="partialBody"/>, then the connection drops.</summary>
    protected void BreakMidAnswer(string partialBody) => _answer = async context =>
    {
        context.Response.ContentLength = 1000;
        await context.Response.WriteAsync(partialBody);
        await context.Response.Body.FlushAsync();
        context.Abort();
    };

    /// <summary>A provider's own answer for some requests (Netgsm's inbox); null takes the queued or standing answer.</summary>
    protected virtual Func<HttpContext, Task>? AnswerFor(HttpContext context) => null;

    protected async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        _received.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers.Accept.ToString(),
            context.Request.ContentType,
            body.ToArray()));
        context.Request.Body = new MemoryStream(body.ToArray()); // read again by answers that depend on the request
        var answer = AnswerFor(context) ?? (_next.TryDequeue(out var once) ? once : _answer);
        await answer(context);
    }

    protected async Task HangUntilAbortedAsync(HttpContext context)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}

public sealed record ReceivedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string Authorization,
    string Accept,
    string? ContentType,
    byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}
