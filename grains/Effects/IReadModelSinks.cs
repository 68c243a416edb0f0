namespace OrleansShop.Effects;

/// <summary>Writes a grain's read-model rows (order lists, awaiting-reply by phone); a row with an older revision than the stored one changes nothing.</summary>
public interface IIndexProjection
{
    Task WriteAsync(GrainId owner, IReadOnlyCollection<IndexRow> rows, CancellationToken cancellationToken);
}

/// <summary>The operators' list of effects that have failed at least once (pending retry or dead).</summary>
public interface IDeliveryLog
{
    Task RecordAsync(GrainId owner, Effect effect, long revision, CancellationToken cancellationToken);

    Task ForgetAsync(GrainId owner, long effectId, long revision, CancellationToken cancellationToken);
}
