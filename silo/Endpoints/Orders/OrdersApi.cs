using Microsoft.AspNetCore.Http.HttpResults;
using OrleansShop.Grains.Orders;
using OrleansShop.Silo.Http;
using OrleansShop.Silo.Problems;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Endpoints.Orders;

/// <summary>docs/http-api.md, Orders: one order with its history and side-effect statuses, and a shop's orders newest first.</summary>
internal static class OrdersApi
{
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

    private static async Task<IResult> ListAsync(
        string shopId, string? status, string? from, string? to, string? reference, int? limit, string? after, IGrainIndexReader index, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var search = OrderSearch.Parse(shopId, status, from, to, reference, limit, after, errors);
        return errors.Count > 0 ? JsonRequest.Invalid(errors) : TypedResults.Ok(await search.RunAsync(index, cancellationToken));
    }
}
