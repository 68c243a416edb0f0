using System.Globalization;
using OrleansShop.Effects;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Endpoints;

/// <summary>An operator's retry of one delivery, from the admin API or the console: the effect's owning grain makes it due now and delivers it at once.</summary>
internal static class DeliveryRetry
{
    public enum Result
    {
        NotFound,
        AlreadyDelivered,
        Retried,
    }

    /// <returns>What happened, and the delivery as it was listed before the retry (null when there was none).</returns>
    public static async Task<(Result Result, DeliveryRecord? Delivery)> RetryAsync(DeliveryLogStore deliveries, IGrainFactory grains, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(grains);
        if (await deliveries.GetAsync(id, cancellationToken) is not { } delivery)
        {
            return (Result.NotFound, null);
        }

        var owner = GrainId.Create(delivery.OwnerType, delivery.OwnerKey);
        var retried = await grains.GetGrain<IEffectHost>(owner).RetryEffectAsync(long.Parse(delivery.EffectId, CultureInfo.InvariantCulture));
        return (retried ? Result.Retried : Result.AlreadyDelivered, delivery);
    }
}
