using OrleansShop.Effects;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Hosting;

/// <summary>Grains' index rows, written into the shop database's <c>grain_index</c>.</summary>
internal sealed class GrainIndexProjection(IGrainIndexWriter store) : IIndexProjection
{
    public async Task WriteAsync(GrainId owner, IReadOnlyCollection<IndexRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var (type, key) = (owner.Type.ToString(), owner.Key.ToString());
        foreach (var row in rows)
        {
            if (row.Removed)
            {
                await store.RemoveAsync(row.Index, row.Partition, type, key, row.Revision, cancellationToken);
            }
            else
            {
                await store.SetAsync(new IndexEntryWrite(row.Index, row.Partition, type, key, row.SortKey, row.Tag, row.Summary, row.Revision), cancellationToken);
            }
        }
    }
}

/// <summary>Effects that have failed at least once, listed in the shop database's <c>deliveries</c> for operators.</summary>
internal sealed class DeliveryLog(DeliveryLogStore store) : IDeliveryLog
{
    public Task RecordAsync(GrainId owner, Effect effect, long revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effect);
        return store.UpsertAsync(new DeliveryWrite(
            owner.Type.ToString(), owner.Key.ToString(), effect.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            effect.Kind == EffectKind.Message ? DeliveryKinds.Message : DeliveryKinds.Call,
            effect.TargetName, effect.Key, effect.Operation, effect.IdempotencyKey,
            effect.Dead ? DeliveryStates.Dead : DeliveryStates.Pending,
            effect.Attempts, effect.DueAt, effect.LastError, effect.CreatedAt, revision), cancellationToken);
    }

    public Task ForgetAsync(GrainId owner, long effectId, long revision, CancellationToken cancellationToken) =>
        store.DeleteAsync(owner.Type.ToString(), owner.Key.ToString(), effectId.ToString(System.Globalization.CultureInfo.InvariantCulture), revision, cancellationToken);
}
