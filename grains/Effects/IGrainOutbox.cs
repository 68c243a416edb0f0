using System.Linq.Expressions;

namespace OrleansShop.Effects;

/// <summary>
/// What a grain method causes elsewhere. Nothing leaves before the grain's next
/// <c>WriteStateAsync</c> commits, and everything committed is delivered, with retries, until it
/// succeeds or is dead-lettered.
/// </summary>
public interface IGrainOutbox
{
    /// <summary>
    /// A durable one-way message to another grain: <c>Outbox.Send&lt;IInvoiceGrain&gt;(key, g => g.IssueAsync(request))</c>.
    /// The receiver handles it once: it remembers the effect's id in its own state.
    /// </summary>
    void Send<TGrain>(string key, Expression<Func<TGrain, Task>> call)
        where TGrain : IGrainWithStringKey;

    /// <summary>
    /// A call to an external system through the connector named <paramref name="connector"/>, carrying
    /// the returned idempotency key on every attempt. When <paramref name="replyMethod"/> is set, that
    /// method of this grain receives the outcome (success, or failure once dead-lettered).
    /// </summary>
    string Call(string connector, string operation, object payload, string? replyMethod = null);
}

/// <summary>The read-model rows a grain keeps about itself, written after its state.</summary>
public interface IGrainIndex
{
    /// <summary>
    /// Puts this grain into <paramref name="index"/> under <paramref name="partition"/>, sorted by
    /// <paramref name="sortKey"/> (ordinal, listed descending), filterable by <paramref name="tag"/>,
    /// with <paramref name="summary"/> (JSON) returned as is by queries.
    /// </summary>
    void Set(string index, string partition, string sortKey, string? tag, string summary);

    /// <summary>Takes this grain out of <paramref name="index"/> under <paramref name="partition"/>.</summary>
    void Remove(string index, string partition);
}
