using OrleansShop.Gateway.Discovery;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace OrleansShop.Gateway.Health;

/// <summary>
/// The gateway's own <c>/healthz</c>: it answers while the process runs, and says how many silos it
/// routes to and how many of those its health checks currently trust.
/// </summary>
internal static class GatewayHealth
{
    public static IEndpointRouteBuilder MapGatewayHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (IProxyStateLookup proxy) =>
        {
            var destinations = proxy.TryGetCluster(GatewayRoutes.ClusterId, out var cluster)
                ? cluster.Destinations.Values.OrderBy(d => d.DestinationId, StringComparer.Ordinal).Select(d => new SiloView(d.DestinationId, d.Model.Config.Address, IsHealthy(d))).ToList()
                : [];
            return TypedResults.Ok(new GatewayStatus("alive", destinations.Count, destinations.Count(d => d.Healthy), destinations));
        });
        return endpoints;
    }

    private static bool IsHealthy(DestinationState destination) =>
        destination.Health.Active != DestinationHealth.Unhealthy && destination.Health.Passive != DestinationHealth.Unhealthy;

    internal sealed record GatewayStatus(string Status, int Silos, int Healthy, IReadOnlyList<SiloView> Destinations);

    internal sealed record SiloView(string SiloId, string Address, bool Healthy);
}
