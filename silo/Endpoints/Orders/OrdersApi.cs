using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansShop.Effects;
using OrleansShop.Grains.Orders;
using OrleansShop.Silo.Http;
using OrleansShop.Silo.Problems;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Endpoints.Orders;

/// <summary>docs/http-api.md, Orders: one order with its history and side-effect statuses, and a shop's orders newest first.</summary>
internal static class OrdersApi
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder endpoints)
    {
        var orders = endpoints.MapGroup("/v1/shops/{shopId}/orders").AddEndpointFilter<ShopAccess>();
        orders.MapGet("/{orderId}", GetAsync);
        orders.MapGet(string.Empty, ListAsync);
        return endpoints;
    }

    // Typed results, so the OpenAPI document describes the order view.
    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetAsync(string shopId, string orderId, IGrainFactory grains) =>
        await grains.GetGrain<IOrderGrain>(OrderKeys.For(shopId, orderId)).GetAsync() is { } order
            ? TypedResults.Ok(order)
            : TypedResults.Problem($"No order '{orderId}' in shop '{shopId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);

    private static async Task<IResult> ListAsync(string shopId, string? status, int? limit, string? after, IGrainIndexReader index, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        OrderStatus? filter = null;
        if (status is not null)
        {
            if (Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _))
            {
                filter = parsed;
            }
            else
            {
                errors["status"] = [$"status must be one of {string.Join(", ", Enum.GetNames<OrderStatus>())}."];
            }
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        string? before = null;
        if (after is not null && !Cursor.TryDecode(after, out before))
        {
            errors["after"] = ["after must be the 'next' value of a previous page."];
        }

        if (errors.Count > 0)
        {
            return JsonRequest.Invalid(errors);
        }

        var take = limit ?? DefaultLimit;
        var entries = await index.QueryAsync(OrderKeys.ByShop, shopId, filter?.ToString(), before, take, cancellationToken);
        var items = entries.Select(e => JsonSerializer.Deserialize<OrderSummary>(e.Summary, GrainJson.Options)!).ToList();
        return TypedResults.Ok(new OrderPage(items, entries.Count == take ? Cursor.Encode(entries[^1].SortKey) : null));
    }

    internal sealed record OrderPage(IReadOnlyList<OrderSummary> Items, string? Next);

    /// <summary>An opaque page cursor: the last sort key, base64url-encoded.</summary>
    private static class Cursor
    {
        public static string Encode(string sortKey) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(sortKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static bool TryDecode(string cursor, out string? sortKey)
        {
            sortKey = null;
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var bytes = new byte[base64.Length];
            if (cursor.Length > 200 || !Convert.TryFromBase64String(base64, bytes, out var length))
            {
                return false;
            }

            sortKey = Encoding.UTF8.GetString(bytes, 0, length);
            return true;
        }
    }
}
