namespace OrleansShop.Effects;

/// <summary>What an effect does once delivered.</summary>
public enum EffectKind
{
    /// <summary>A one-way message to another grain, deduplicated by the receiver on the effect's id.</summary>
    Message,

    /// <summary>A call to an external system through a connector, carrying the effect's idempotency key.</summary>
    Call,
}

/// <summary>
/// One thing a committed transition must cause elsewhere, kept in the grain's own state until it is
/// delivered. Its <see cref="Id"/> is unique within the grain; with the grain's id it is unique in
/// the cluster and is what receivers deduplicate on.
/// </summary>
/// <param name="Target">A message's grain interface (assembly-qualified), a call's connector name.</param>
/// <param name="Key">A message's target grain key; empty for a call.</param>
/// <param name="Operation">A message's method name, a call's operation.</param>
/// <param name="Payload">A message's arguments as a JSON array, a call's payload as JSON.</param>
/// <param name="ReplyMethod">For a call: the method of this grain that receives its <see cref="ExternalCallResult"/>.</param>
public sealed record Effect(
    long Id,
    EffectKind Kind,
    string Target,
    string Key,
    string Operation,
    string Payload,
    string IdempotencyKey,
    string? ReplyMethod,
    DateTimeOffset CreatedAt)
{
    public int Attempts { get; init; }

    public DateTimeOffset DueAt { get; init; } = CreatedAt;

    public string? LastError { get; init; }

    /// <summary>Dead-lettered: no more attempts until an operator retries it.</summary>
    public bool Dead { get; init; }

    /// <summary>Whether the delivery log lists it (it has failed at least once).</summary>
    public bool Listed { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the transition that created it: its deliveries are traced as part
    /// of that trace (the first attempt) or linked to it (retries). Null when nothing was traced.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The name operators see: the target grain or connector and what it does.</summary>
    public string TargetName => Kind == EffectKind.Message ? Target[..Target.IndexOf(',', StringComparison.Ordinal)] : Target;
}
