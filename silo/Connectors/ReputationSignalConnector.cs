using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Reputation;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Providers;
using OrleansShop.Silo.Providers.UtanvetEllenor;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Delivers the outbox's upstream reputation signals: opens the order's sealed address just before
/// the call and gives it to the provider with the outcome and the order id (on which the provider
/// deduplicates, so a retried signal counts once). A signal that a correction has superseded is
/// not sent. Quota (402) is retried with the dispatcher's backoff, then dead-lettered for replay:
/// a signal is still worth giving once the shop's quota renews.
/// </summary>
internal sealed class ReputationSignalConnector(IGrainFactory grains, EmailSealer sealer, IReputationProvider upstream) : IExternalCallHandler
{
    public string Connector => ReputationSignalNames.Connector;

    public async Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Operation != ReputationSignalNames.Signal || JsonSerializer.Deserialize<ReputationSignalPayload>(call.Payload, GrainJson.Options) is not { } signal)
        {
            return DeliveryOutcome.Permanent($"The {Connector} connector cannot '{call.Operation}'.");
        }

        if (!await grains.GetGrain<IReputationReportGrain>(OrderKeys.For(signal.ShopId, signal.OrderId)).IsCurrentSignalAsync(call.IdempotencyKey))
        {
            return DeliveryOutcome.Delivered("""{"superseded":true}""");
        }

        if (await grains.GetGrain<IShopGrain>(signal.ShopId).GetAsync() is not { } shop || ReputationProviderKeys.Of(shop.Settings) is not { } keys)
        {
            return DeliveryOutcome.Permanent($"Shop '{signal.ShopId}' has no reputationProvider keys (publicKey, privateKey).");
        }

        if (sealer.Unseal(signal.SealedEmail, OrderKeys.SealingContext(signal.ShopId, signal.OrderId)) is not { } email)
        {
            return DeliveryOutcome.Permanent("The order's sealed e-mail address does not open: an unknown sealing key version, or altered.");
        }

        var result = await upstream.SignalAsync(keys, signal, email, call.IdempotencyKey, cancellationToken);
        return result.Outcome switch
        {
            UtanvetEllenorOutcome.Accepted => DeliveryOutcome.Delivered(JsonSerializer.Serialize(new { provider = "utanvet-ellenor", status = result.Status }, GrainJson.Options)),
            UtanvetEllenorOutcome.Permanent => DeliveryOutcome.Permanent(result.Meaning),
            _ => DeliveryOutcome.Retry(result.Meaning),
        };
    }
}
