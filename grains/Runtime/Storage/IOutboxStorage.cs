namespace OrleansShop.Runtime.Storage;

/// <summary>Claiming, completing and administering outbox rows (messages, external calls, reminders).</summary>
public interface IOutboxStorage
{
    /// <summary>Claims up to <paramref name="max"/> due rows for <paramref name="lease"/>; no two claims overlap.</summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(string siloId, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a delivered row (or moves a repeating reminder to <paramref name="nextDueAt"/>) and
    /// enqueues <paramref name="reply"/> in the same transaction. False when the claim was lost.
    /// </summary>
    Task<bool> CompleteAsync(ClaimedDelivery delivery, DateTimeOffset? nextDueAt, OutboxEntry? reply, CancellationToken cancellationToken);

    Task<bool> RetryLaterAsync(ClaimedDelivery delivery, DateTimeOffset dueAt, string error, CancellationToken cancellationToken);

    Task<bool> DeadLetterAsync(ClaimedDelivery delivery, string error, OutboxEntry? reply, CancellationToken cancellationToken);

    /// <summary>Gives back claimed rows that were never attempted (graceful stop).</summary>
    Task ReleaseAsync(IReadOnlyCollection<ClaimedDelivery> deliveries, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeliveryRecord>> ListAsync(DeliveryState state, long? afterId, int limit, CancellationToken cancellationToken);

    Task<DeliveryRecord?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Makes a row due now; a dead letter goes back to pending with its attempts reset.</summary>
    Task<bool> RetryNowAsync(long id, CancellationToken cancellationToken);
}
