using OrleansShop.Gateway.Routing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace OrleansShop.Gateway.Discovery;

/// <summary>One route for everything under the silos' API, to one cluster of live silos.</summary>
internal static class GatewayRoutes
{
    public const string ClusterId = "silos";

    /// <summary>Webhook bodies are capped here as on the silos (docs/http-api.md: 413 over 256 KiB).</summary>
    public const long MaxRequestBodySize = 256 * 1024;

    /// <summary>The silos' readiness endpoint: 503 while their storage is unreachable or they are leaving.</summary>
    public const string ProbePath = "/readyz";

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

    public static ClusterConfig Cluster(IReadOnlyDictionary<string, string> silos, GatewayOptions options) => new()
    {
        ClusterId = ClusterId,
        LoadBalancingPolicy = RendezvousLoadBalancingPolicy.PolicyName,
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = options.ProbeInterval,
                Timeout = options.ProbeTimeout,
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                Path = ProbePath,
            },
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                ReactivationPeriod = options.ReactivationPeriod,
            },

            // When every silo is unhealthy (the database is down), still forward: each silo then
            // answers its own 503 with Retry-After, which says more than the gateway could.
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
        },
        Metadata = new Dictionary<string, string>
        {
            ["ConsecutiveFailuresHealthPolicy.Threshold"] = options.UnhealthyAfterProbes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        Destinations = silos.ToDictionary(s => s.Key, s => new DestinationConfig { Address = s.Value }),
    };
}
