using OrleansShop.Gateway.Routing;
using Yarp.ReverseProxy.Configuration;

namespace OrleansShop.Gateway.Discovery;

/// <summary>One route for everything under the silos' API, to one cluster of live silos.</summary>
internal static class GatewayRoutes
{
    public const string ClusterId = "silos";

    /// <summary>Webhook bodies are capped here as on the silos (API.md: 413 over 256 KiB).</summary>
    public const long MaxRequestBodySize = 256 * 1024;

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        new RouteConfig
        {
            RouteId = "api",
            ClusterId = ClusterId,
            Match = new RouteMatch { Path = "/{**path}" },
            MaxRequestBodySize = MaxRequestBodySize,
        },
    ];

    public static ClusterConfig Cluster(IReadOnlyDictionary<string, string> silos) => new()
    {
        ClusterId = ClusterId,
        LoadBalancingPolicy = RendezvousLoadBalancingPolicy.PolicyName,
        Destinations = silos.ToDictionary(s => s.Key, s => new DestinationConfig { Address = s.Value }),
    };
}
