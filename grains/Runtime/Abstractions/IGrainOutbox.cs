using System.Linq.Expressions;

namespace OrleansShop.Runtime;

/// <summary>
/// What a turn sends. Nothing leaves before the turn commits, and everything committed is
/// delivered: by the dispatcher of some silo, with retries, until it succeeds or is dead-lettered.
/// </summary>
public interface IGrainOutbox
{
    /// <summary>
    /// A durable one-way message to another grain: <c>Outbox.Send&lt;IInvoiceGrain&gt;(key, g => g.IssueAsync(request))</c>.
    /// The receiving turn runs exactly once: it commits an inbox row keyed by the message.
    /// </summary>
    void Send<TGrain>(string key, Expression<Func<TGrain, Task>> call)
        where TGrain : IGrainWithStringKey;

    /// <summary>
    /// A call to an external system through the connector registered as <paramref name="connector"/>,
    /// carrying the returned idempotency key on every attempt. When <paramref name="replyTo"/> is set,
    /// the outcome (success or dead letter) comes back to that grain as a durable message.
    /// </summary>
    string Call(string connector, string operation, object payload, ReplyTo? replyTo = null);
}

/// <summary>A grain method that receives an <see cref="ExternalCallResult"/>.</summary>
public sealed record ReplyTo(string GrainType, string GrainKey, string Method)
{
    public static ReplyTo Grain<TGrain>(string key, string method)
        where TGrain : IGrainWithStringKey => new(GrainTypeName.Of<TGrain>(), key, method);
}

/// <summary>The outcome of an external call, sent back to the grain named in its <see cref="ReplyTo"/>.</summary>
public sealed record ExternalCallResult(string IdempotencyKey, string Operation, bool Succeeded, string? Response, string? Error);
