using Microsoft.AspNetCore.Http.HttpResults;
using OrleansShop.Silo.Problems;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Endpoints.Deliveries;

/// <summary>
/// docs/http-api.md, Deliveries: the effects that have failed at least once (pending a retry, or
/// dead letters), for operators across the cluster and for each shop its own; a retry of one, and
/// replay or discard of every dead letter a filter matches, confirmed by the count the caller saw.
/// </summary>
internal static class DeliveriesApi
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/v1/admin/deliveries").AddEndpointFilter<AdminAuthorization>();
        admin.MapGet(string.Empty, (DeliveryLogStore deliveries, string? state, string? shop, string? target, string? from, string? to, int? limit, long? after, CancellationToken cancellationToken) =>
            ListAsync(deliveries, state, shop, target, from, to, limit, after, shopScope: null, cancellationToken));
        admin.MapGet("/count", (DeliveryLogStore deliveries, string? state, string? shop, string? target, string? from, string? to, CancellationToken cancellationToken) =>
            CountAsync(deliveries, state, shop, target, from, to, shopScope: null, cancellationToken));
        admin.MapGet("/{id:long}", GetAsync);
        admin.MapPost("/{id:long}/retry", (DeliveryLogStore deliveries, IGrainFactory grains, long id, CancellationToken cancellationToken) =>
            RetryAsync(deliveries, grains, id, shopId: null, cancellationToken));
        admin.MapPost("/replay", (DeliveryLogStore deliveries, IGrainFactory grains, BulkRequest? request) =>
            BulkAsync(deliveries, grains, request, DeliveryRetry.BulkAction.Replay, shopScope: null));
        admin.MapPost("/discard", (DeliveryLogStore deliveries, IGrainFactory grains, BulkRequest? request) =>
            BulkAsync(deliveries, grains, request, DeliveryRetry.BulkAction.Discard, shopScope: null));

        // A shop's own deliveries: those of its orders and of its other grains. A shop may replay, not discard.
        var shop = endpoints.MapGroup("/v1/shops/{shopId}/deliveries").AddEndpointFilter<ShopAccess>();
        shop.MapGet(string.Empty, (DeliveryLogStore deliveries, string shopId, string? state, string? target, string? from, string? to, int? limit, long? after, CancellationToken cancellationToken) =>
            ListAsync(deliveries, state, shop: null, target, from, to, limit, after, shopScope: shopId, cancellationToken));
        shop.MapGet("/count", (DeliveryLogStore deliveries, string shopId, string? state, string? target, string? from, string? to, CancellationToken cancellationToken) =>
            CountAsync(deliveries, state, shop: null, target, from, to, shopScope: shopId, cancellationToken));
        shop.MapPost("/{id:long}/retry", (DeliveryLogStore deliveries, IGrainFactory grains, string shopId, long id, CancellationToken cancellationToken) =>
            RetryAsync(deliveries, grains, id, shopId, cancellationToken));
        shop.MapPost("/replay", (DeliveryLogStore deliveries, IGrainFactory grains, string shopId, BulkRequest? request) =>
            BulkAsync(deliveries, grains, request, DeliveryRetry.BulkAction.Replay, shopScope: shopId));
        return endpoints;
    }

    private static async Task<Results<Ok<DeliveryPage>, ValidationProblem>> ListAsync(
        DeliveryLogStore deliveries, string? state, string? shop, string? target, string? from, string? to, int? limit, long? after, string? shopScope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = DeliveryQuery.Parse(state, shop, target, from, to, errors, shopScope);
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (after is < 0)
        {
            errors["after"] = ["after must be a delivery id (0 or more)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        var take = limit ?? DefaultLimit;
        var page = await deliveries.ListAsync(filter, after, take, cancellationToken);
        return TypedResults.Ok(new DeliveryPage([.. page.Select(DeliveryView.From)], page.Count == take ? page[^1].Id : null));
    }

    private static async Task<Results<Ok<CountView>, ValidationProblem>> CountAsync(
        DeliveryLogStore deliveries, string? state, string? shop, string? target, string? from, string? to, string? shopScope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = DeliveryQuery.Parse(state, shop, target, from, to, errors, shopScope);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        return TypedResults.Ok(new CountView(filter.State, (await deliveries.CountAsync(filter, cancellationToken)).Count));
    }

    private static async Task<Results<Ok<DeliveryView>, ProblemHttpResult>> GetAsync(
        DeliveryLogStore deliveries, long id, CancellationToken cancellationToken) =>
        await deliveries.GetAsync(id, cancellationToken) is { } delivery ? TypedResults.Ok(DeliveryView.From(delivery)) : NotFound(id);

    /// <summary>Makes the effect due now in its owning grain, which delivers it at once.</summary>
    private static async Task<Results<Ok<DeliveryView>, ProblemHttpResult>> RetryAsync(
        DeliveryLogStore deliveries, IGrainFactory grains, long id, string? shopId, CancellationToken cancellationToken)
    {
        var (result, before) = await DeliveryRetry.RetryAsync(deliveries, grains, id, cancellationToken, shopId);
        return result switch
        {
            DeliveryRetry.Result.NotFound => NotFound(id),
            DeliveryRetry.Result.AlreadyDelivered => TypedResults.Problem(
                $"Delivery {id} has been delivered meanwhile.", statusCode: StatusCodes.Status409Conflict, title: "Delivered", type: ProblemTypes.Conflict),
            _ => TypedResults.Ok(DeliveryView.From(await deliveries.GetAsync(id, cancellationToken) ?? before!)),
        };
    }

    private static async Task<Results<Ok<BulkView>, ValidationProblem, ProblemHttpResult>> BulkAsync(
        DeliveryLogStore deliveries, IGrainFactory grains, BulkRequest? request, DeliveryRetry.BulkAction action, string? shopScope)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors["body"] = ["A JSON object with the filter (shop, target, from, to) and expectedCount is required."];
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        if (shopScope is not null && request.Shop is not null && request.Shop != shopScope)
        {
            errors["shop"] = ["shop is the shop of the address; leave it out."];
        }

        var filter = DeliveryQuery.Parse(DeliveryStates.Dead, request.Shop, request.Target, request.From, request.To, errors, shopScope);
        if (request.ExpectedCount is not ({ } expected and >= 0))
        {
            errors["expectedCount"] = ["expectedCount is the number of dead letters that match, as GET …/deliveries/count?state=dead answered: the confirmation."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        var (outcome, count) = await DeliveryRetry.ApplyAsync(deliveries, grains, filter, action, request.ExpectedCount!.Value, CancellationToken.None);
        if (outcome is null)
        {
            return TypedResults.Problem(
                $"{count} dead letters match now, not {request.ExpectedCount}: look again and confirm that count.",
                statusCode: StatusCodes.Status409Conflict, title: "Count changed", type: ProblemTypes.Conflict,
                extensions: new Dictionary<string, object?> { ["count"] = count });
        }

        return TypedResults.Ok(new BulkView(action == DeliveryRetry.BulkAction.Replay ? "replay" : "discard", outcome.Matched, outcome.Applied, outcome.Gone));
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem($"No delivery {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);

    /// <param name="ExpectedCount">How many dead letters the caller saw match (the count endpoint's answer): the confirmation.</param>
    internal sealed record BulkRequest(string? Shop, string? Target, string? From, string? To, long? ExpectedCount);

    internal sealed record BulkView(string Action, long Matched, long Applied, long Gone);

    internal sealed record CountView(string State, long Count);

    internal sealed record DeliveryPage(IReadOnlyList<DeliveryView> Items, long? Next);

    /// <summary>A delivery as operators see it; payloads are left out, as they may hold personal data.</summary>
    internal sealed record DeliveryView(
        long Id, string Kind, string Owner, string TargetType, string TargetKey, string Operation, string IdempotencyKey,
        string State, int Attempts, DateTimeOffset DueAt, string? LastError, DateTimeOffset CreatedAt)
    {
        public static DeliveryView From(DeliveryRecord d) =>
            new(d.Id, d.Kind, $"{d.OwnerType}/{d.OwnerKey}", d.TargetType, d.TargetKey, d.Operation, d.IdempotencyKey, d.State, d.Attempts, d.DueAt, d.LastError, d.CreatedAt);
    }
}
