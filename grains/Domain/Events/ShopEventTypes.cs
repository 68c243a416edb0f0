namespace OrleansShop.Grains.Events;

/// <summary>
/// The events a shop's endpoints may subscribe to (docs/http-api.md, "Events OrleansShop sends"),
/// each produced by the grain that knows its fact, in the commit that records it.
/// </summary>
public static class ShopEventTypes
{
    /// <summary>Every applied transition of an order, its arrival included: from, to, the event and the reason.</summary>
    public const string OrderStatusChanged = "order.status_changed";

    /// <summary>The COD verdict made as a COD order arrives.</summary>
    public const string OrderCodVerdict = "order.cod_verdict";

    public const string SmsConfirmed = "sms.confirmed";

    public const string SmsExpired = "sms.expired";

    public const string InvoiceIssued = "invoice.issued";

    /// <summary>The invoice could not be issued (refused, or dead-lettered after its last attempt).</summary>
    public const string InvoiceFailed = "invoice.failed";

    public const string InvoiceCreditNoteIssued = "invoice.credit_note_issued";

    public const string InvoiceCreditFailed = "invoice.credit_failed";

    public const string ShipmentUpdated = "shipment.updated";

    public const string ReviewInvited = "review.invited";

    /// <summary>In an endpoint's <c>events</c>: every type, those added later included.</summary>
    public const string All = "*";

    /// <summary>Every type, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> Catalog { get; } =
    [
        OrderStatusChanged, OrderCodVerdict, SmsConfirmed, SmsExpired,
        InvoiceIssued, InvoiceFailed, InvoiceCreditNoteIssued, InvoiceCreditFailed,
        ShipmentUpdated, ReviewInvited,
    ];

    /// <summary>Whether an endpoint subscribed to <paramref name="subscribed"/> receives <paramref name="type"/>.</summary>
    public static bool Covers(IReadOnlyList<string> subscribed, string type) =>
        subscribed.Contains(All) || subscribed.Contains(type);
}
