namespace OrleansShop.Grains.Orders;

/// <summary>An order as <c>GET /v1/shops/{shopId}/orders/{orderId}</c> answers it.</summary>
/// <param name="TrackingToken">The key of the buyer's tracking page, <c>/t/{token}</c>; null for orders from before tracking pages.</param>
/// <param name="CodVerdict">A COD order's decision on the buyer as it arrived; null for prepaid orders and those from before verdicts.</param>
public sealed record OrderView(
    string OrderId,
    string Reference,
    string Status,
    bool Cod,
    string PaymentMethod,
    AmountView Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    Reputation.ReputationView? ReputationAtCheckout,
    IReadOnlyList<HistoryEntry> History,
    SmsSideEffect Sms,
    InvoiceView Invoice,
    ReportSideEffect ReputationReport,
    ReviewSideEffect Review,
    ProtectionSideEffect Protection,
    ShipmentSideEffect Shipment,
    IReadOnlyList<PaymentRecord> Payments,
    IReadOnlyList<SideEffectEntry> SideEffectLog,
    string? TrackingToken = null,
    Reputation.CodVerdict? CodVerdict = null);

/// <summary>One row of <c>GET /v1/shops/{shopId}/orders</c>; stored in the shop's order index.</summary>
public sealed record OrderSummary(string OrderId, string Reference, string Status, bool Cod, AmountView Total, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record AmountView(string Amount, string Currency);

public sealed record StatusView(string Status);
