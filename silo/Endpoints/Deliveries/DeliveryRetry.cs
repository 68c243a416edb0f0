using System.Globalization;
using OrleansShop.Effects;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Endpoints.Deliveries;

/// <summary>
/// Operators' (and a shop's own) actions on deliveries, from the API or the console: retry one,
/// or replay or discard every dead letter that matches a filter. Each goes to the effect's owning
/// grain, which alone changes its effects.
/// </summary>
internal static class DeliveryRetry
{
    /// <summary>Dead letters of one filter are handled this many at a time, grouped by owning grain.</summary>
    private const int BatchSize = 500;

    /// <summary>How many grains are asked at once.</summary>
    private const int Parallelism = 16;

    public enum Result
    {
        NotFound,
        AlreadyDelivered,
        Retried,
    }

    public enum BulkAction
    {
        Replay,
        Discard,
    }

    /// <returns>What happened, and the delivery as it was listed before the retry (null when there was none).</returns>
    public static async Task<(Result Result, DeliveryRecord? Delivery)> RetryAsync(
        DeliveryLogStore deliveries, IGrainFactory grains, long id, CancellationToken cancellationToken, string? shopId = null)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(grains);
        if (await deliveries.GetAsync(id, cancellationToken) is not { } delivery || (shopId is not null && !delivery.BelongsTo(shopId)))
        {
            return (Result.NotFound, null);
        }

        var retried = await Owner(grains, delivery).RetryEffectAsync(long.Parse(delivery.EffectId, CultureInfo.InvariantCulture));
        return (retried ? Result.Retried : Result.AlreadyDelivered, delivery);
    }

    /// <summary>
    /// Replays or discards every dead letter that matches <paramref name="filter"/>, once each, if
    /// exactly <paramref name="expectedCount"/> match: the count the user saw and confirmed. Dead
    /// letters that arrive meanwhile are not touched; those delivered or replayed meanwhile are
    /// counted as <see cref="BulkOutcome.Gone"/>.
    /// </summary>
    /// <returns>The outcome, or null when the count is no longer <paramref name="expectedCount"/> (with the count it is now).</returns>
    public static async Task<(BulkOutcome? Outcome, long Count)> ApplyAsync(
        DeliveryLogStore deliveries, IGrainFactory grains, DeliveryFilter filter, BulkAction action, long expectedCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(filter);
        var deadLetters = filter with { State = DeliveryStates.Dead };
        var count = await deliveries.CountAsync(deadLetters, cancellationToken);
        if (count.Count != expectedCount)
        {
            return (null, count.Count);
        }

        // Once confirmed it runs to the end, whether or not the caller waits for the answer.
        var snapshot = deadLetters with { ThroughId = count.LastId ?? 0 };
        long matched = 0, applied = 0;
        long? after = null;
        while (count.Count > 0)
        {
            var batch = await deliveries.ListAsync(snapshot, after, BatchSize, CancellationToken.None);
            matched += batch.Count;
            var owners = batch.GroupBy(d => (d.OwnerType, d.OwnerKey), d => long.Parse(d.EffectId, CultureInfo.InvariantCulture));
            await Parallel.ForEachAsync(owners, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (owner, _) =>
            {
                var host = grains.GetGrain<IEffectHost>(GrainId.Create(owner.Key.OwnerType, owner.Key.OwnerKey));
                var ids = owner.ToArray();
                var done = action == BulkAction.Replay ? await host.ReplayDeadEffectsAsync(ids) : await host.DiscardDeadEffectsAsync(ids);
                Interlocked.Add(ref applied, done);
            });
            if (batch.Count < BatchSize)
            {
                break;
            }

            after = batch[^1].Id;
        }

        return (new BulkOutcome(matched, applied, matched - applied), count.Count);
    }

    private static IEffectHost Owner(IGrainFactory grains, DeliveryRecord delivery) =>
        grains.GetGrain<IEffectHost>(GrainId.Create(delivery.OwnerType, delivery.OwnerKey));
}

/// <param name="Matched">The dead letters that matched when the operation began.</param>
/// <param name="Applied">Those replayed (now due) or discarded.</param>
/// <param name="Gone">Those that were no longer dead letters when their grain was asked: delivered or replayed meanwhile.</param>
internal sealed record BulkOutcome(long Matched, long Applied, long Gone);
