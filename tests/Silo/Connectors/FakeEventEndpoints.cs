using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Connectors;

/// <summary>
/// A shop's event endpoints on loopback, one path each: records every delivery with its Standard
/// Webhooks headers, and answers each path as a test arranges (a standing status, statuses queued ahead of it).
/// </summary>
public sealed class FakeEventEndpoints : FakeProviderServer
{
    private readonly ConcurrentQueue<ReceivedEvent> _events = new();
    private readonly ConcurrentDictionary<string, int> _standing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _next = new(StringComparer.Ordinal);

    private FakeEventEndpoints()
        : base(204, string.Empty, "text/plain")
    {
    }

    public static async Task<FakeEventEndpoints> StartAsync()
    {
        var fake = new FakeEventEndpoints();
        await fake.StartServerAsync();
        return fake;
    }

    /// <summary>The address of the endpoint named <paramref name="name"/>.</summary>
    public string Url(string name) => new Uri(BaseAddress, $"hooks/{name}").AbsoluteUri;

    /// <summary>What the endpoint <paramref name="name"/> received, in arrival order.</summary>
    public IReadOnlyList<ReceivedEvent> At(string name) => [.. _events.Where(e => e.Endpoint == name)];

    public void Answer(string name, int status) => _standing[name] = status;

    public void AnswerNext(string name, params int[] statuses)
    {
        var queue = _next.GetOrAdd(name, _ => new ConcurrentQueue<int>());
        foreach (var status in statuses)
        {
            queue.Enqueue(status);
        }
    }

    protected override Func<HttpContext, Task>? AnswerFor(HttpContext context)
    {
        var name = context.Request.Path.Value?.Split('/').LastOrDefault() ?? string.Empty;
        var headers = context.Request.Headers;
        _events.Enqueue(new ReceivedEvent(name, headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(), ((MemoryStream)context.Request.Body).ToArray()));
        var status = _next.TryGetValue(name, out var queue) && queue.TryDequeue(out var next) ? next : _standing.GetValueOrDefault(name, 204);
        return Respond(status, string.Empty, "text/plain");
    }
}

public sealed record ReceivedEvent(string Endpoint, string Id, string Timestamp, string Signature, byte[] Body)
{
    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;

    public string? Type => Json.GetProperty("type").GetString();
}
