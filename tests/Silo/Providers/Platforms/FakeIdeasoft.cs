using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Providers.Platforms;

/// <summary>
/// Ideasoft's admin API on loopback: <c>GET</c>/<c>PUT /admin-api/orders/{id}</c> behind one OAuth
/// bearer token (anything else is 401 <c>invalid_token</c>). The order keeps its <c>status</c>; a
/// <c>PUT</c> must carry the order's <c>id</c> as a number and a status Ideasoft has. A 5xx or a hang
/// comes from the base.
/// </summary>
public sealed class FakeIdeasoft : FakeProviderServer
{
    public const string AccessToken = "ideasoft-oauth-3f9a1c7e5b2d4086";

    private static readonly string[] Statuses = ["waiting_for_approval", "approved", "fulfilled", "delivered", "cancelled", "refunded", "waiting_for_payment", "being_prepared"];

    private readonly ConcurrentDictionary<long, IdeasoftOrder> _orders = new();

    private FakeIdeasoft()
        : base(500, "unused", "application/json") => AnswerWith(AnswerAsync);

    public static async Task<FakeIdeasoft> StartAsync()
    {
        var fake = new FakeIdeasoft();
        await fake.StartServerAsync();
        return fake;
    }

    public IdeasoftOrder AddOrder(long id, string status = "waiting_for_approval")
    {
        var order = new IdeasoftOrder(id) { Status = status };
        _orders[id] = order;
        return order;
    }

    public IdeasoftOrder Order(long id) => _orders[id];

    private async Task AnswerAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {AccessToken}")
        {
            await WriteAsync(context, 401, """{"error":"invalid_token","error_description":"The access token provided is invalid."}""");
            return;
        }

        var parts = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not ["admin-api", "orders", var idText] || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await WriteAsync(context, 404, """{"errorCode":404,"errorMessage":"No route found"}""");
            return;
        }

        if (!_orders.TryGetValue(id, out var order))
        {
            await WriteAsync(context, 404, """{"errorCode":404,"errorMessage":"Order not found"}""");
            return;
        }

        switch (context.Request.Method)
        {
            case "GET":
                await WriteAsync(context, 200, OrderJson(order));
                return;
            case "PUT":
                using (var body = await JsonDocument.ParseAsync(context.Request.Body))
                {
                    var root = body.RootElement;
                    if (!root.TryGetProperty("id", out var bodyId) || bodyId.ValueKind != JsonValueKind.Number || bodyId.GetInt64() != id)
                    {
                        await WriteAsync(context, 400, """{"errorCode":400,"errorMessage":"id: This value should be the order's id."}""");
                        return;
                    }

                    if (root.TryGetProperty("status", out var status))
                    {
                        if (!Statuses.Contains(status.GetString()))
                        {
                            await WriteAsync(context, 400, """{"errorCode":400,"errorMessage":"status: The value you selected is not a valid choice."}""");
                            return;
                        }

                        order.Status = status.GetString()!;
                    }
                }

                await WriteAsync(context, 200, OrderJson(order));
                return;
            default:
                await WriteAsync(context, 405, """{"errorCode":405,"errorMessage":"Method Not Allowed"}""");
                return;
        }
    }

    private static string OrderJson(IdeasoftOrder order) => new JsonObject
    {
        ["id"] = order.Id,
        ["customerFirstname"] = "Ayşe",
        ["status"] = order.Status,
        ["paymentTypeName"] = "Kapıda Ödeme",
        ["finalAmount"] = 459.9,
        ["currency"] = "TL",
    }.ToJsonString();

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }
}

public sealed class IdeasoftOrder(long id)
{
    public long Id { get; } = id;

    public string Status { get; set; } = "waiting_for_approval";
}
