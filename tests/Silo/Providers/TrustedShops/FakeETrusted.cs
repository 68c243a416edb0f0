using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Providers.TrustedShops;

/// <summary>
/// eTrusted on loopback, login and API on one address: the token endpoint issues numbered tokens
/// that the events endpoint honours until they are revoked (401 otherwise); events answer 202 with
/// an EventRef, or whatever a test arranges. An event of the type <c>checkout</c>, which eTrusted
/// reserves for itself ("please avoid setting the type to checkout"), is refused with a 400.
/// </summary>
public sealed class FakeETrusted : FakeProviderServer
{
    private readonly ConcurrentDictionary<string, bool> _valid = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _nextToken = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _nextEvent = new();
    private volatile bool _standing;
    private int _issued;
    private int _events;

    private FakeETrusted()
        : base(202, "", "application/json")
    {
    }

    /// <summary>How long issued tokens live, in seconds (eTrusted's <c>expires_in</c>).</summary>
    public int TokenLifetimeSeconds { get; set; } = 300;

    public IReadOnlyList<ReceivedRequest> TokenRequests => [.. Received.Where(r => r.Path == "/oauth/token")];

    public IReadOnlyList<ReceivedRequest> EventRequests => [.. Received.Where(r => r.Path == "/events")];

    /// <summary>The <c>type</c> of each event received, in arrival order (null when an event had none).</summary>
    public IReadOnlyList<string?> EventTypes => [.. EventRequests.Select(r => TypeOf(r.Body))];

    public static async Task<FakeETrusted> StartAsync()
    {
        var fake = new FakeETrusted();
        await fake.StartServerAsync();
        return fake;
    }

    /// <summary>Every token issued so far stops working, as when an API client's access is revoked.</summary>
    public void RevokeTokens() => _valid.Clear();

    /// <summary>The next token request gets this answer instead of a token.</summary>
    public void AnswerNextTokenWith(int status, string body) => _nextToken.Enqueue(Respond(status, body, "application/json"));

    /// <summary>Valid-token events get this from now on, instead of 202 with an EventRef.</summary>
    public void AnswerEventsWith(int status, string body)
    {
        _standing = true;
        AnswerWith(status, body);
    }

    /// <summary>The next valid-token event gets this; later ones the usual answer.</summary>
    public void AnswerNextEventWith(int status, string body) => _nextEvent.Enqueue(Respond(status, body, "application/json"));

    /// <summary>Valid-token events get no answer until the client gives up.</summary>
    public void HangEvents()
    {
        _standing = true;
        Hang();
    }

    protected override Func<HttpContext, Task>? AnswerFor(HttpContext context) => context.Request.Path.Value switch
    {
        "/oauth/token" => _nextToken.TryDequeue(out var once) ? once : IssueTokenAsync,
        "/events" when !_valid.ContainsKey(context.Request.Headers.Authorization.ToString()) => Respond(401, """{"Message":"Unauthorized"}""", "application/json"),
        "/events" when TypeOf(context) == ReservedType => Respond(400, """{"Message":"Event type 'checkout' is reserved by eTrusted; use an event type configured in your account"}""", "application/json"),
        "/events" => _nextEvent.TryDequeue(out var once) ? once : _standing ? null : AcceptAsync,
        _ => null,
    };

    private const string ReservedType = "checkout";

    // The base class buffers each request's body into a MemoryStream before asking for an answer.
    private static string? TypeOf(HttpContext context) => context.Request.Body is MemoryStream buffered ? TypeOf(buffered.ToArray()) : null;

    private static string? TypeOf(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private Task IssueTokenAsync(HttpContext context)
    {
        var token = $"tok-{Interlocked.Increment(ref _issued)}";
        _valid[$"Bearer {token}"] = true;
        return Respond(200, JsonSerializer.Serialize(new { access_token = token, expires_in = TokenLifetimeSeconds, token_type = "Bearer", scope = "" }), "application/json")(context);
    }

    private Task AcceptAsync(HttpContext context) =>
        Respond(202, JsonSerializer.Serialize(new { Message = "Event created successfully", EventRef = $"evt-{Interlocked.Increment(ref _events)}" }), "application/json")(context);
}
