namespace OrleansShop.Grains.Orders;

public sealed record OrderState
{
    /// <summary>Null until <c>order.created</c> arrives; events before it wait in <see cref="Deferred"/>.</summary>
    public OrderStatus? Status { get; init; }

    public NewOrder? Details { get; init; }

    /// <summary>When the order was placed (or first seen), for listing newest first.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the last applied change happened: an event from before it is stale.</summary>
    public DateTimeOffset? LastChangeAt { get; init; }

    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>How many of the oldest history entries were dropped to keep the state bounded.</summary>
    public int HistoryDropped { get; init; }

    public IReadOnlyList<OrderEvent> Deferred { get; init; } = [];

    public SideEffectStatuses SideEffects { get; init; } = new();

    /// <summary>Every change of <see cref="SideEffects"/>, oldest first, for the order's timeline.</summary>
    public IReadOnlyList<SideEffectEntry> SideEffectLog { get; init; } = [];

    /// <summary>How many outcome reports the order has sent: each carries its number, so a late one cannot undo a newer one.</summary>
    public int ReportRevision { get; init; }

    /// <summary>Every payment the order was told of, accepted or not: a rejected one is the shop's to refund or check.</summary>
    public IReadOnlyList<PaymentRecord> Payments { get; init; } = [];

    /// <summary>
    /// The buyer's unguessable key to the order's tracking page (<c>/t/{token}</c>): 128 random bits,
    /// base64url. Set when the order arrives; found through <see cref="OrderKeys.ByTrackingToken"/>.
    /// </summary>
    public string? TrackingToken { get; init; }

    /// <summary>The buyer e-mails asked for (<see cref="Mail.BuyerMailPurposes"/>): each goes once.</summary>
    public IReadOnlyList<string> MailsSent { get; init; } = [];

    /// <summary>The facts written back to the shop's platform (<see cref="Platforms.PlatformFacts"/>): each goes once.</summary>
    public IReadOnlyList<string> PlatformWrites { get; init; } = [];
}

/// <param name="Outcome"><c>applied</c>, <c>ignored</c>, <c>rejected</c> or <c>deferred</c>.</param>
public sealed record HistoryEntry(
    DateTimeOffset At,
    string Event,
    string? EventId,
    string? From,
    string? To,
    string Outcome,
    string? Reason,
    DateTimeOffset? OccurredAt);

/// <summary>One change of an integration's status for this order, when the order learnt of it.</summary>
/// <param name="Effect">One of <see cref="SideEffectNames"/>.</param>
/// <param name="Status">The integration's new status (as in <see cref="SideEffectStatuses"/>).</param>
/// <param name="Detail">The invoice or protection number, the tracking code, the outcome reported, or why it failed.</param>
public sealed record SideEffectEntry(DateTimeOffset At, string Effect, string Status, string? Detail);

/// <summary>The names of the order's side effects, in its log and its view.</summary>
public static class SideEffectNames
{
    public const string Sms = "sms";
    public const string Invoice = "invoice";
    public const string CreditNote = "creditNote";
    public const string ReputationReport = "reputationReport";
    public const string ReputationSignal = "reputationSignal";
    public const string Review = "review";
    public const string Protection = "protection";
    public const string Shipment = "shipment";
}

/// <summary>Where each integration stands for this order (docs/http-api.md: none, pending, then its own statuses).</summary>
public sealed record SideEffectStatuses
{
    public SmsSideEffect Sms { get; init; } = new();

    public InvoiceSideEffect Invoice { get; init; } = new();

    public ReportSideEffect ReputationReport { get; init; } = new();

    public ReviewSideEffect Review { get; init; } = new();

    public ProtectionSideEffect Protection { get; init; } = new();

    public ShipmentSideEffect Shipment { get; init; } = new();
}

/// <param name="Status"><c>none</c>, <c>pending</c>, <c>sent</c>, <c>failed</c>, <c>confirmed</c> or <c>expired</c>.</param>
public sealed record SmsSideEffect(string Status = "none", DateTimeOffset? SentAt = null, DateTimeOffset? ConfirmedAt = null, string? Detail = null);

/// <param name="Status"><c>none</c>, <c>pending</c> or <c>reported</c>.</param>
/// <param name="Outcome"><c>collected</c> or <c>not_collected</c>: the outcome last reported, or being reported.</param>
/// <param name="Signal">
/// Only when the shop has an upstream provider: the signal of <paramref name="Outcome"/> there, <c>pending</c>,
/// <c>signalled</c>, <c>failed</c> (dead-lettered, replayable) or <c>not_sent</c> (a correction after the address was deleted).
/// </param>
public sealed record ReportSideEffect(
    string Status = "none",
    string? Outcome = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Signal = null);

/// <param name="Status"><c>none</c>, <c>pending</c>, <c>invited</c> or <c>failed</c>.</param>
/// <param name="EventRef">eTrusted's reference of the checkout event that invites the buyer.</param>
/// <param name="Detail">Why it failed, when it did.</param>
public sealed record ReviewSideEffect(string Status = "none", string? EventRef = null, string? Detail = null);

/// <param name="Status"><c>none</c> (no protection line, or the Classic model), <c>pending</c>, <c>registered</c> or <c>failed</c>.</param>
/// <param name="Number">Trusted Shops' number of the registered protection.</param>
public sealed record ProtectionSideEffect(string Status = "none", string? Number = null, string? Detail = null);

/// <summary>A side-effect grain telling the order where its integration stands.</summary>
public sealed record SideEffectUpdate(string Effect, string Status, DateTimeOffset At, string? Detail);

/// <param name="Status"><c>none</c>, <c>pending</c>, <c>created</c>, <c>failed</c>, <c>in_transit</c>, <c>delivered</c>, <c>returned</c> or <c>cancelled</c>.</param>
/// <param name="Detail">Why it failed, or why the parcel came back.</param>
public sealed record ShipmentSideEffect(string Status = "none", string? Carrier = null, string? TrackingCode = null, string? TrackingUrl = null, string? Detail = null);

/// <param name="Status">The provider's word for it: <c>SUCCESS</c>, <c>FAILURE</c>, <c>INIT_THREEDS</c>, …</param>
/// <param name="Outcome"><c>accepted</c> (it paid the order), <c>rejected</c> (another amount or currency), <c>refund_due</c> (the order was cancelled) or <c>recorded</c> (not a success, or too late to matter).</param>
public sealed record PaymentRecord(DateTimeOffset At, string Provider, string TransactionId, AmountView? Amount, string Status, string Outcome, string? Reason);
