using OrleansShop.Grains.Orders;

namespace OrleansShop.Grains.Reviews;

/// <summary>
/// One order's review invitation, from the order to its review grain and on to the connector as the
/// outbox call's payload. The e-mail is sealed to the order (<see cref="OrderKeys.SealingContext"/>):
/// only the connector opens it, just before the call.
/// </summary>
/// <param name="Reference">The order number the buyer knows: eTrusted's <c>transaction.reference</c>, one invitation per reference.</param>
/// <param name="OrderedAt">eTrusted's <c>transaction.date</c>.</param>
/// <param name="DeliveredAt">When the parcel arrived: eTrusted's <c>estimatedDeliveryDate</c>, which is no estimate any more.</param>
/// <param name="EventType">
/// The eTrusted event type of the shop's settings when the order arrived; null in invitations made
/// before shops had one, which go out as <see cref="Shops.ShopDefaults.ETrustedEventType"/>.
/// </param>
public sealed record ReviewInvitation(
    string ShopId,
    string OrderId,
    string Tsid,
    string Reference,
    string SealedEmail,
    string? CustomerName,
    DateTimeOffset OrderedAt,
    DateTimeOffset DeliveredAt,
    IReadOnlyList<ReviewedProduct> Products,
    string? EventType = null);

public sealed record ReviewedProduct(string Sku, string Name);

/// <summary>An Excellence order's buyer protection, to register with Trusted Shops.</summary>
/// <param name="ProductId">The protection product the buyer chose (<see cref="ProtectionProduct"/>).</param>
/// <param name="Cod">Trusted Shops wants the payment type; cash on delivery is one of its own.</param>
public sealed record ProtectionRequest(
    string ShopId,
    string OrderId,
    string Tsid,
    string ProductId,
    Amount Total,
    string PaymentMethod,
    bool Cod,
    string Reference,
    string SealedEmail,
    DateTimeOffset OrderedAt);

/// <summary>What the connector answers for a call taken (the outbox call's response): eTrusted's EventRef, or the protection number.</summary>
public sealed record TrustedShopsReceipt(string? Reference);
