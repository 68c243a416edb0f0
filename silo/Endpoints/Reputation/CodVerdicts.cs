using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Reputation;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Observability;

namespace OrleansShop.Silo.Endpoints.Reputation;

/// <summary>
/// The decision on an order as it arrives: the buyer's network record for every order, and for a
/// COD order the verdict checkout would give on the same figures — with the upstream provider's
/// answer for a shop that has one, through the same cache, failing open on the network's record
/// when it does not answer within <c>Reputation:Upstream:RequestTimeout</c>. The order grain acts
/// on the verdict (flag, hold or cancel); the address is given to the provider only for this lookup.
/// </summary>
internal sealed class CodVerdicts(IGrainFactory grains, UpstreamLookup upstream, ShopMetrics metrics)
{
    public async Task<NewOrder> DecideAsync(ShopSnapshot shop, NewOrder order, string email, CancellationToken cancellationToken)
    {
        var network = await grains.GetGrain<IBuyerReputationGrain>(order.EmailHash).GetAsync();
        if (!order.Policy.Cod)
        {
            return order with { ReputationAtCheckout = network };
        }

        var provider = await upstream.FindAsync(shop, email, order.EmailHash, cancellationToken);
        var verdict = CodEligibility.Verdict(network, provider, shop.Settings);
        metrics.CodVerdict(shop.ShopId, verdict.Action);
        return order with { ReputationAtCheckout = network, CodVerdict = verdict };
    }
}
