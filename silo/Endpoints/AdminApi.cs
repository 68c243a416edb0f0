using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Hosting;
using OrleansShop.Silo.Problems;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Endpoints;

/// <summary>Operators' view of the cluster's silos as Orleans' membership sees them (deliveries: <see cref="Deliveries.DeliveriesApi"/>).</summary>
internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/v1/admin").AddEndpointFilter<AdminAuthorization>();
        admin.MapGet("/silos", ListSilosAsync);
        return endpoints;
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

    /// <param name="Address">Where the silo serves HTTP; null for a silo that is not active.</param>
    internal sealed record SiloView(string SiloId, string? Address, string HostName, DateTime StartedAt, DateTime HeartbeatAt, string Status, bool Alive);
}
