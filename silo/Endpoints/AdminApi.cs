using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Hosting;
using OrleansShop.Silo.Problems;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Endpoints;

/// <summary>
/// Operators' view of the effects that have failed at least once (pending a retry, or dead
/// letters, with replay) and of the cluster's silos as Orleans' membership sees them.
/// </summary>
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
        DeliveryLogStore deliveries, string? state, int? limit, long? after, string? shop, string? target, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedState = state ?? DeliveryStates.Pending;
        if (parsedState is not (DeliveryStates.Pending or DeliveryStates.Dead))
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

        if (shop is not null && !ShopIds.IsValid(shop))
        {
            errors["shop"] = ["shop must match [a-z0-9-]{1,64}."];
        }

        if (target is { Length: 0 or > 200 })
        {
            errors["target"] = ["target is a delivery's targetType, 1 to 200 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        var page = await deliveries.ListAsync(parsedState, after, limit ?? DefaultLimit, cancellationToken, shop, target);
        return TypedResults.Ok(new DeliveryPage([.. page.Select(DeliveryView.From)], page.Count == (limit ?? DefaultLimit) ? page[^1].Id : null));
    }

    private static async Task<Results<Ok<DeliveryView>, ProblemHttpResult>> GetDeliveryAsync(
        DeliveryLogStore deliveries, long id, CancellationToken cancellationToken) =>
        await deliveries.GetAsync(id, cancellationToken) is { } delivery ? TypedResults.Ok(DeliveryView.From(delivery)) : NotFound(id);

    /// <summary>Makes the effect due now in its owning grain, which delivers it at once.</summary>
    private static async Task<Results<Ok<DeliveryView>, ProblemHttpResult>> RetryDeliveryAsync(
        DeliveryLogStore deliveries, IGrainFactory grains, long id, CancellationToken cancellationToken)
    {
        var (result, before) = await DeliveryRetry.RetryAsync(deliveries, grains, id, cancellationToken);
        return result switch
        {
            DeliveryRetry.Result.NotFound => NotFound(id),
            DeliveryRetry.Result.AlreadyDelivered => TypedResults.Problem(
                $"Delivery {id} has been delivered meanwhile.", statusCode: StatusCodes.Status409Conflict, title: "Delivered", type: ProblemTypes.Conflict),
            _ => TypedResults.Ok(DeliveryView.From(await deliveries.GetAsync(id, cancellationToken) ?? before!)),
        };
    }

    /// <summary>The silos in Orleans' membership, with the HTTP address each active one published (PostgreSQL) or this silo's own.</summary>
    private static async Task<Ok<IReadOnlyList<SiloView>>> ListSilosAsync(
        IGrainFactory grains, SiloEndpointStore endpoints, ShopDatabase database, IOptions<Storage.ClusterOptions> cluster, SiloIdentity self, CancellationToken cancellationToken)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false, cancellationToken);
        var addresses = database.Provider == StorageOptions.Postgres
            ? (await endpoints.ListActiveAsync(cluster.Value.ServiceId, cancellationToken)).ToDictionary(s => s.SiloId, s => s.HttpUrl)
            : [];
        addresses[self.SiloId] = self.Address ?? string.Empty;
        return TypedResults.Ok<IReadOnlyList<SiloView>>(
            [.. hosts.OrderBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal).Select(h =>
            {
                var id = h.SiloAddress.ToParsableString();
                return new SiloView(id, addresses.GetValueOrDefault(id), h.HostName, h.StartTime, h.IAmAliveTime, h.Status.ToString().ToLowerInvariant(), h.Status == SiloStatus.Active);
            })]);
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem($"No delivery {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);

    internal sealed record DeliveryPage(IReadOnlyList<DeliveryView> Items, long? Next);

    /// <summary>A delivery as operators see it; payloads are left out, as they may hold personal data.</summary>
    internal sealed record DeliveryView(
        long Id, string Kind, string Owner, string TargetType, string TargetKey, string Operation, string IdempotencyKey,
        string State, int Attempts, DateTimeOffset DueAt, string? LastError, DateTimeOffset CreatedAt)
    {
        public static DeliveryView From(DeliveryRecord d) =>
            new(d.Id, d.Kind, $"{d.OwnerType}/{d.OwnerKey}", d.TargetType, d.TargetKey, d.Operation, d.IdempotencyKey, d.State, d.Attempts, d.DueAt, d.LastError, d.CreatedAt);
    }

    /// <param name="Address">Where the silo serves HTTP; null for a silo that is not active.</param>
    internal sealed record SiloView(string SiloId, string? Address, string HostName, DateTime StartedAt, DateTime HeartbeatAt, string Status, bool Alive);
}
