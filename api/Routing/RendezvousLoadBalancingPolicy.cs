using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace OrleansShop.Gateway.Routing;

/// <summary>
/// Rendezvous (highest-random-weight) hashing: each request goes to the live silo whose stable
/// hash with the request's key is highest. When a silo leaves, only its keys move. Our own FNV-1a,
/// never YARP's hash affinity (which needs a package this build cannot restore).
/// </summary>
internal sealed class RendezvousLoadBalancingPolicy : ILoadBalancingPolicy
{
    public const string PolicyName = "Rendezvous";

    public string Name => PolicyName;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(availableDestinations);
        var key = RoutingKey.From(context.Request.Path);
        DestinationState? best = null;
        var bestWeight = 0UL;
        foreach (var destination in availableDestinations)
        {
            var weight = StableHash.Fnv1a64($"{key}|{destination.DestinationId}");
            if (best is null || weight > bestWeight)
            {
                (best, bestWeight) = (destination, weight);
            }
        }

        return best;
    }
}
