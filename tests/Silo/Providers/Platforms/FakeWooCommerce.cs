using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Providers.Platforms;

/// <summary>
/// WooCommerce's REST API on loopback, the four routes the write-back uses: <c>GET</c>/<c>PUT
/// /wp-json/wc/v3/orders/{id}</c> and <c>GET</c>/<c>POST /wp-json/wc/v3/orders/{id}/notes</c>, behind
/// HTTP Basic with one consumer key and secret. It answers as WooCommerce does: the order's
/// <c>status</c> among its statuses (anything else is 400 <c>rest_invalid_param</c>), a status change
/// leaves WooCommerce's own system note, notes are listed newest first, errors are
/// <c>{"code","message","data":{"status"}}</c>. A 5xx or a hang comes from the base.
/// </summary>
public sealed class FakeWooCommerce : FakeProviderServer
{
    public const string ConsumerKey = "ck_2b9e61d4c07a4f1e8a3b5c6d7e8f9a0b1c2d3e4f";
    public const string ConsumerSecret = "cs_81f0a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9";

    private static readonly string[] Statuses = ["pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "checkout-draft"];

    private readonly ConcurrentDictionary<long, WooOrder> _orders = new();
    private int _noteIds = 100;

    private FakeWooCommerce()
        : base(500, "unused", "application/json; charset=UTF-8") => AnswerWith(AnswerAsync);

    public static async Task<FakeWooCommerce> StartAsync()
    {
        var fake = new FakeWooCommerce();
        await fake.StartServerAsync();
        return fake;
    }

    public static string BasicCredentials => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ConsumerKey}:{ConsumerSecret}"));

    public WooOrder AddOrder(long id, string status = "processing", params string[] notes)
    {
        var order = new WooOrder(id) { Status = status };
        foreach (var note in notes)
        {
            order.Notes.Insert(0, new WooNote(Interlocked.Increment(ref _noteIds), note, false, "system"));
        }

        _orders[id] = order;
        return order;
    }

    public WooOrder Order(long id) => _orders[id];

    private int _hangAfterNote;

    /// <summary>The next note is added, and then its answer never comes: a call in flight when its silo dies.</summary>
    public void HangAfterNextNote() => Interlocked.Exchange(ref _hangAfterNote, 1);

    private async Task AnswerAsync(HttpContext context)
    {
        if (!Authorized(context.Request.Headers.Authorization.ToString()))
        {
            await WriteAsync(context, 401, Error("woocommerce_rest_cannot_view", "Sorry, you cannot view this resource.", 401));
            return;
        }

        var parts = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not ["wp-json", "wc", "v3", "orders", var idText, ..] || parts.Length > 6 || (parts.Length == 6 && parts[5] != "notes")
            || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await WriteAsync(context, 404, Error("rest_no_route", "No route was found matching the URL and request method.", 404));
            return;
        }

        if (!_orders.TryGetValue(id, out var order))
        {
            await WriteAsync(context, 404, Error("woocommerce_rest_shop_order_invalid_id", "Invalid ID.", 404));
            return;
        }

        var notes = parts.Length == 6;
        var (status, body) = (context.Request.Method, notes) switch
        {
            ("GET", false) => (200, OrderJson(order)),
            ("PUT", false) => await UpdateAsync(context, order),
            ("GET", true) => (200, NotesJson(order)),
            ("POST", true) => await AddNoteAsync(context, order),
            _ => (404, Error("rest_no_route", "No route was found matching the URL and request method.", 404)),
        };
        if (notes && context.Request.Method == "POST" && Interlocked.Exchange(ref _hangAfterNote, 0) == 1)
        {
            await HangUntilAbortedAsync(context);
            return;
        }

        await WriteAsync(context, status, body);
    }

    private static bool Authorized(string authorization) =>
        AuthenticationHeaderValue.TryParse(authorization, out var header) && header.Scheme == "Basic" && header.Parameter == BasicCredentials;

    private async Task<(int, string)> UpdateAsync(HttpContext context, WooOrder order)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        if (body.RootElement.TryGetProperty("status", out var statusValue))
        {
            var status = statusValue.GetString()!;
            if (!Statuses.Contains(status))
            {
                var detail = new JsonObject { ["status"] = $"status is not one of {string.Join(", ", Statuses)}." };
                return (400, new JsonObject { ["code"] = "rest_invalid_param", ["message"] = "Invalid parameter(s): status", ["data"] = new JsonObject { ["status"] = 400, ["params"] = detail } }.ToJsonString());
            }

            lock (order)
            {
                if (order.Status != status)
                {
                    order.Notes.Insert(0, new WooNote(Interlocked.Increment(ref _noteIds), $"Order status changed from {Title(order.Status)} to {Title(status)}.", false, "system"));
                    order.Status = status;
                }
            }
        }

        return (200, OrderJson(order));
    }

    private async Task<(int, string)> AddNoteAsync(HttpContext context, WooOrder order)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        if (!body.RootElement.TryGetProperty("note", out var text) || text.GetString() is not { Length: > 0 } note)
        {
            return (400, new JsonObject { ["code"] = "rest_missing_callback_param", ["message"] = "Missing parameter(s): note", ["data"] = new JsonObject { ["status"] = 400, ["params"] = new JsonArray("note") } }.ToJsonString());
        }

        var customer = body.RootElement.TryGetProperty("customer_note", out var c) && c.GetBoolean();
        var added = new WooNote(Interlocked.Increment(ref _noteIds), note, customer, "WooCommerce");
        lock (order)
        {
            order.Notes.Insert(0, added);
        }

        return (201, NoteJson(added).ToJsonString());
    }

    private static string OrderJson(WooOrder order) => new JsonObject
    {
        ["id"] = order.Id,
        ["parent_id"] = 0,
        ["status"] = order.Status,
        ["currency"] = "TRY",
        ["total"] = "459.90",
        ["payment_method"] = "cod",
        ["line_items"] = new JsonArray(),
    }.ToJsonString();

    private static string NotesJson(WooOrder order)
    {
        lock (order)
        {
            return new JsonArray(order.Notes.Select(n => (JsonNode?)NoteJson(n)).ToArray()).ToJsonString();
        }
    }

    private static JsonObject NoteJson(WooNote note) => new()
    {
        ["id"] = note.Id,
        ["author"] = note.Author,
        ["date_created"] = "2026-11-20T10:00:00",
        ["date_created_gmt"] = "2026-11-20T07:00:00",
        ["note"] = note.Note,
        ["customer_note"] = note.CustomerNote,
    };

    private static string Title(string status) => string.Concat(char.ToUpperInvariant(status[0]).ToString(), status[1..].Replace('-', ' '));

    private static string Error(string code, string message, int status) =>
        new JsonObject { ["code"] = code, ["message"] = message, ["data"] = new JsonObject { ["status"] = status } }.ToJsonString();

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(body);
    }
}

/// <summary>A WooCommerce order as the fake keeps it: its status and its notes, newest first.</summary>
public sealed class WooOrder(long id)
{
    public long Id { get; } = id;

    public string Status { get; set; } = "processing";

    public List<WooNote> Notes { get; } = [];
}

public sealed record WooNote(int Id, string Note, bool CustomerNote, string Author);
