namespace OrleansShop.Effects;

/// <summary>
/// Delivers the calls of one connector (an SMS gateway, an invoicer, …). Registered in DI and picked
/// by <see cref="Connector"/>. A handler must be safe to call again with the same
/// <see cref="ExternalCall.IdempotencyKey"/>: a call is at-least-once, its effect exactly once.
/// </summary>
public interface IExternalCallHandler
{
    string Connector { get; }

    /// <summary>Throwing counts as <see cref="DeliveryOutcome.Retry"/>.</summary>
    Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken);
}

/// <param name="Attempt">1 on the first attempt.</param>
public sealed record ExternalCall(string Operation, string Payload, string IdempotencyKey, int Attempt);

public enum DeliveryStatus
{
    Delivered,
    Retry,
    Permanent,
}

/// <summary>What became of one delivery attempt.</summary>
public sealed record DeliveryOutcome(DeliveryStatus Status, string? Response, string? Error)
{
    public static DeliveryOutcome Delivered(string? response = null) => new(DeliveryStatus.Delivered, response, null);

    /// <summary>A transient failure: tried again with backoff until the last attempt, then dead-lettered.</summary>
    public static DeliveryOutcome Retry(string error) => new(DeliveryStatus.Retry, null, error);

    /// <summary>A failure that retrying cannot fix: dead-lettered at once, replayable by an operator.</summary>
    public static DeliveryOutcome Permanent(string error) => new(DeliveryStatus.Permanent, null, error);
}

/// <summary>The outcome of an external call, given to the grain method named as its reply.</summary>
public sealed record ExternalCallResult(string IdempotencyKey, string Operation, bool Succeeded, string? Response, string? Error);
