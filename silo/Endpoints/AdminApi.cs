using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansShop.Runtime.Hosting;
using OrleansShop.Runtime.Membership;
using OrleansShop.Runtime.Storage;
using OrleansShop.Silo.Problems;

namespace OrleansShop.Silo.Endpoints;

/// <summary>Operators' view of the outbox (pending rows and dead letters, with replay) and of the cluster.</summary>
internal static class AdminApi
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/v1/admin").AddEndpointFilter<AdminAuthorization>();
        admin.MapGet("/deliveries", ListDeliveriesAsync);
        admin.MapGet("/deliveries/{id:long}", GetDeliveryAsync);
        admin.MapPost("/deliveries/{id:long}/retry", RetryDeliveryAsync);
        admin.MapGet("/silos", ListSilosAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<DeliveryPage>, ValidationProblem>> ListDeliveriesAsync(
        IOutboxStorage outbox, string? state, int? limit, long? after, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedState = state switch
        {
            null or "pending" => DeliveryState.Pending,
            "dead" => DeliveryState.Dead,
            _ => (DeliveryState?)null,
        };
        if (parsedState is null)
        {
            errors["state"] = ["state must be 'pending' or 'dead'."];
        }

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

        var page = await outbox.ListAsync(parsedState!.Value, after, limit ?? DefaultLimit, cancellationToken);
        return TypedResults.Ok(new DeliveryPage(page, page.Count == (limit ?? DefaultLimit) ? page[^1].Id : null));
    }

    private static async Task<Results<Ok<DeliveryRecord>, ProblemHttpResult>> GetDeliveryAsync(
        IOutboxStorage outbox, long id, CancellationToken cancellationToken) =>
        await outbox.GetAsync(id, cancellationToken) is { } delivery ? TypedResults.Ok(delivery) : NotFound(id);

    private static async Task<Results<Ok<DeliveryRecord>, ProblemHttpResult>> RetryDeliveryAsync(
        IOutboxStorage outbox, long id, CancellationToken cancellationToken)
    {
        if (await outbox.RetryNowAsync(id, cancellationToken))
        {
            return TypedResults.Ok((await outbox.GetAsync(id, cancellationToken))!);
        }

        return await outbox.GetAsync(id, cancellationToken) is null
            ? NotFound(id)
            : TypedResults.Problem(
                $"Delivery {id} is being delivered right now; retry after its attempt.",
                statusCode: StatusCodes.Status409Conflict, title: "Delivery in progress", type: ProblemTypes.Conflict);
    }

    private static async Task<Ok<IReadOnlyList<SiloView>>> ListSilosAsync(
        IMembershipStorage membership, IOptions<MembershipOptions> options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var silos = await membership.ListSilosAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SiloView>>(
            [.. silos.Select(s => new SiloView(s.SiloId, s.Address, s.HostName, s.StartedAt, s.HeartbeatAt, s.Status, s.IsAlive(now, options.Value.DeadAfter)))]);
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem($"No delivery {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);

    internal sealed record DeliveryPage(IReadOnlyList<DeliveryRecord> Items, long? Next);

    internal sealed record SiloView(string SiloId, string Address, string HostName, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt, string Status, bool Alive);
}
