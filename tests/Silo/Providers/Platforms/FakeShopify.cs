using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Providers.Platforms;

/// <summary>
/// Shopify's Admin GraphQL API on loopback: <c>POST /admin/api/{version}/graphql.json</c> with
/// <c>X-Shopify-Access-Token</c> (anything else is 401 with Shopify's own words). It reads the GraphQL
/// body, takes the operation's root field and its arguments from the variables only (a value spliced
/// into the query is not seen), and answers <c>order</c>, <c>tagsAdd</c>, <c>orderUpdate</c> and
/// <c>orderCancel</c> as Shopify does, keeping each order's tags, note and cancellation. A test can
/// make it answer THROTTLED, another top-level error, user errors, a 5xx, or nothing (the base's
/// <see cref="FakeProviderServer.AnswerNextWith(int, string)"/> and <see cref="FakeProviderServer.Hang"/>).
/// </summary>
public sealed class FakeShopify : FakeProviderServer
{
    public const string AccessToken = "shpat_7c1e0f5b2a9d44e3";
    public const string ApiVersion = "2025-07";

    public const string Throttled =
        """{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}],"extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":null,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":4,"restoreRate":100.0}}}}""";

    private static readonly string[] CancelReasons = ["CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "OTHER", "STAFF"];

    private readonly ConcurrentDictionary<string, ShopifyOrder> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<GraphQlCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _nextAnswers = new(StringComparer.Ordinal);
    private int _jobs;

    private FakeShopify()
        : base(500, "unused", "application/json; charset=utf-8") => AnswerWith(AnswerAsync);

    /// <summary>Every GraphQL request that reached the API (past the address and the token), in order.</summary>
    public IReadOnlyList<GraphQlCall> Calls => [.. _calls];

    /// <summary>The root fields of <see cref="Calls"/>: <c>order</c>, <c>tagsAdd</c>, <c>orderUpdate</c>, <c>orderCancel</c>.</summary>
    public IReadOnlyList<string> Operations => [.. _calls.Select(c => c.Operation)];

    public static async Task<FakeShopify> StartAsync()
    {
        var fake = new FakeShopify();
        await fake.StartServerAsync();
        return fake;
    }

    public ShopifyOrder AddOrder(long id, IEnumerable<string>? tags = null, string? note = null, bool cancelled = false)
    {
        var order = new ShopifyOrder(Gid(id)) { Note = note, CancelledAt = cancelled ? "2026-11-20T09:00:00Z" : null };
        order.Tags.AddRange(tags ?? []);
        _orders[order.Id] = order;
        return order;
    }

    public ShopifyOrder Order(long id) => _orders[Gid(id)];

    /// <summary>The next request for <paramref name="operation"/> (a root field) is answered 200 with Shopify's THROTTLED error, and changes nothing.</summary>
    public void ThrottleNext(string operation) => AnswerNextFor(operation, Throttled);

    /// <summary>The next request for <paramref name="operation"/> is answered 200 with this top-level error (e.g. <c>ACCESS_DENIED</c>), and changes nothing.</summary>
    public void RefuseNext(string operation, string code, string message) =>
        AnswerNextFor(operation, JsonSerializer.Serialize(new { errors = new[] { new { message, extensions = new { code } } } }));

    /// <summary>The next request for <paramref name="operation"/> (a mutation) is answered with this user error in its payload, and changes nothing.</summary>
    public void UserErrorNext(string operation, string field, string message)
    {
        var errorsField = operation == "orderCancel" ? "orderCancelUserErrors" : "userErrors";
        var payload = new JsonObject { [errorsField] = new JsonArray(new JsonObject { ["field"] = new JsonArray(field), ["message"] = message }) };
        AnswerNextFor(operation, new JsonObject { ["data"] = new JsonObject { [operation] = payload } }.ToJsonString());
    }

    private static string Gid(long id) => string.Create(CultureInfo.InvariantCulture, $"gid://shopify/Order/{id}");

    private void AnswerNextFor(string operation, string body) => _nextAnswers.GetOrAdd(operation, _ => new()).Enqueue(body);

    private async Task AnswerAsync(HttpContext context)
    {
        if (context.Request.Method != "POST" || context.Request.Path.Value != $"/admin/api/{ApiVersion}/graphql.json")
        {
            await WriteAsync(context, 404, """{"errors":"Not Found"}""");
            return;
        }

        var token = context.Request.Headers["X-Shopify-Access-Token"].ToString();
        if (token != AccessToken)
        {
            await WriteAsync(context, 401, """{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}""");
            return;
        }

        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            await WriteAsync(context, 400, """{"errors":"Content-Type must be application/json"}""");
            return;
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var query = body.RootElement.GetProperty("query").GetString()!;
        var variables = body.RootElement.GetProperty("variables").Clone();
        var operation = RootField(query);
        _calls.Enqueue(new GraphQlCall(token, operation, query, variables));
        if (_nextAnswers.TryGetValue(operation, out var queued) && queued.TryDequeue(out var once))
        {
            await WriteAsync(context, 200, once);
            return;
        }

        var data = operation switch
        {
            "order" => QueryOrder(variables),
            "tagsAdd" => TagsAdd(variables),
            "orderUpdate" => OrderUpdate(variables),
            "orderCancel" => OrderCancel(variables),
            _ => null,
        };
        await WriteAsync(context, 200, data is null
            ? JsonSerializer.Serialize(new { errors = new[] { new { message = $"Field '{operation}' doesn't exist on type 'QueryRoot'", extensions = new { code = "undefinedField" } } } })
            : new JsonObject { ["data"] = data }.ToJsonString());
    }

    /// <summary>The first field of the operation's selection: what <c>query X($id: ID!) { order(id: $id) { … } }</c> asks for.</summary>
    private static string RootField(string query)
    {
        var start = query.IndexOf('{', StringComparison.Ordinal) + 1;
        var rest = query[start..].TrimStart();
        return new string([.. rest.TakeWhile(char.IsAsciiLetterOrDigit)]);
    }

    private JsonObject QueryOrder(JsonElement variables)
    {
        var found = _orders.TryGetValue(variables.GetProperty("id").GetString()!, out var order);
        return new JsonObject
        {
            ["order"] = found ? new JsonObject
            {
                ["id"] = order!.Id,
                ["tags"] = new JsonArray(order.Tags.Select(t => (JsonNode?)t).ToArray()),
                ["note"] = order.Note,
                ["cancelledAt"] = order.CancelledAt,
            }
            : null,
        };
    }

    // Shopify takes the tags as a list or as one comma-separated string, and keeps one of each.
    private JsonObject TagsAdd(JsonElement variables)
    {
        if (!_orders.TryGetValue(variables.GetProperty("id").GetString()!, out var order))
        {
            return Payload("tagsAdd", "userErrors", "id", "Order does not exist");
        }

        var tags = variables.GetProperty("tags");
        var added = tags.ValueKind == JsonValueKind.Array ? tags.EnumerateArray().Select(t => t.GetString()!) : tags.GetString()!.Split(',');
        lock (order)
        {
            foreach (var tag in added.Select(t => t.Trim()).Where(t => t.Length > 0))
            {
                if (!order.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
                {
                    order.Tags.Add(tag);
                }
            }
        }

        return new JsonObject { ["tagsAdd"] = new JsonObject { ["node"] = new JsonObject { ["id"] = order.Id }, ["userErrors"] = new JsonArray() } };
    }

    private JsonObject OrderUpdate(JsonElement variables)
    {
        var input = variables.GetProperty("input");
        if (!_orders.TryGetValue(input.GetProperty("id").GetString()!, out var order))
        {
            return Payload("orderUpdate", "userErrors", "id", "Order does not exist");
        }

        if (input.TryGetProperty("note", out var note))
        {
            order.Note = note.GetString();
        }

        return new JsonObject { ["orderUpdate"] = new JsonObject { ["order"] = new JsonObject { ["id"] = order.Id }, ["userErrors"] = new JsonArray() } };
    }

    private JsonObject OrderCancel(JsonElement variables)
    {
        if (!_orders.TryGetValue(variables.GetProperty("orderId").GetString()!, out var order))
        {
            return Payload("orderCancel", "orderCancelUserErrors", "orderId", "Order does not exist", "NOT_FOUND");
        }

        // orderId, reason and restock are required (ID!, OrderCancelReason!, Boolean!).
        if (!variables.TryGetProperty("reason", out var reason) || !CancelReasons.Contains(reason.GetString())
            || !variables.TryGetProperty("restock", out var restock) || restock.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Payload("orderCancel", "orderCancelUserErrors", "reason", "Variable $reason or $restock is invalid", "INVALID");
        }

        lock (order)
        {
            if (order.CancelledAt is not null)
            {
                return Payload("orderCancel", "orderCancelUserErrors", "orderId", "Order has already been cancelled", "INVALID");
            }

            order.CancelledAt = "2026-11-21T10:00:00Z";
            order.Cancellation = variables.Clone();
        }

        var job = string.Create(CultureInfo.InvariantCulture, $"gid://shopify/Job/{Interlocked.Increment(ref _jobs)}");
        return new JsonObject { ["orderCancel"] = new JsonObject { ["job"] = new JsonObject { ["id"] = job }, ["orderCancelUserErrors"] = new JsonArray() } };
    }

    private static JsonObject Payload(string operation, string errorsField, string field, string message, string? code = null)
    {
        var error = new JsonObject { ["field"] = new JsonArray(field), ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
        }

        return new JsonObject { [operation] = new JsonObject { [errorsField] = new JsonArray(error) } };
    }

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body);
    }
}

/// <summary>A Shopify order as the fake keeps it.</summary>
public sealed class ShopifyOrder(string id)
{
    public string Id { get; } = id;

    public List<string> Tags { get; } = [];

    public string? Note { get; set; }

    public string? CancelledAt { get; set; }

    /// <summary>The variables of the <c>orderCancel</c> that cancelled it.</summary>
    public JsonElement? Cancellation { get; set; }
}

/// <param name="Operation">The operation's root field.</param>
public sealed record GraphQlCall(string AccessToken, string Operation, string Query, JsonElement Variables);
