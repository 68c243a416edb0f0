namespace OrleansShop.Silo.Webhooks;

/// <summary>
/// What every webhook profile's payload becomes: one canonical event about one order (docs/http-api.md,
/// "The standard profile carries canonical events"). Platform mappers produce these; the ingress
/// resolves statuses through the shop's status map and hands the event to the order's grain.
/// </summary>
public abstract record CanonicalEvent
{
    /// <summary>The platform's order id (Shopify <c>id</c>, WooCommerce <c>id</c>, Ideasoft <c>id</c>).</summary>
    public required string OrderId { get; init; }

    /// <summary>When the platform says the change happened; null when the payload does not say.</summary>
    public DateTimeOffset? OccurredAt { get; init; }
}

/// <summary><c>order.created</c>.</summary>
public sealed record OrderCreated : CanonicalEvent
{
    /// <summary>What the buyer sees as the order number (Shopify <c>name</c> without '#', WooCommerce <c>number</c>); defaults to the order id.</summary>
    public string? Reference { get; init; }

    /// <summary>Plaintext at the edge only: the ingress replaces it by a keyed hash before anything is stored.</summary>
    public required string Email { get; init; }

    public string? Phone { get; init; }

    public string? CustomerName { get; init; }

    /// <summary>The platform's payment method or gateway name, compared with the shop's COD names.</summary>
    public required string PaymentMethod { get; init; }

    public required Money Total { get; init; }

    public IReadOnlyList<OrderLine> Lines { get; init; } = [];

    public Address? BillingAddress { get; init; }

    public Address? ShippingAddress { get; init; }

    /// <summary>Whether the buyer agreed to be invited to review; null when the payload does not say.</summary>
    public bool? ReviewConsent { get; init; }

    /// <summary>
    /// The order's custom fields as text (WooCommerce's <c>meta_data</c>), for a shop setting that
    /// names one (<c>reviews.consentMetaKey</c>). Empty when the platform has none.
    /// </summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// <c>order.status_changed</c>: <see cref="Status"/> is a canonical name (<c>paid</c>, <c>shipped</c>,
/// <c>closed</c>, <c>closed_paid</c>, <c>not_collected</c>, <c>cancelled</c>) or the platform's own
/// status, which the shop's status map may translate.
/// </summary>
public sealed record OrderStatusChanged : CanonicalEvent
{
    public required string Status { get; init; }
}

/// <summary><c>payment.succeeded</c>.</summary>
public sealed record PaymentSucceeded : CanonicalEvent
{
    public required Money Amount { get; init; }

    public required string Provider { get; init; }

    public required string TransactionId { get; init; }
}

/// <summary><c>shipment.updated</c>: <see cref="Status"/> is <c>created</c>, <c>in_transit</c>, <c>delivered</c> or <c>returned</c>.</summary>
public sealed record ShipmentUpdated : CanonicalEvent
{
    public required string Carrier { get; init; }

    public required string TrackingCode { get; init; }

    public required string Status { get; init; }
}

/// <summary>Money as the contract writes it: a decimal string with two decimals (<c>"12990.00"</c>) and an ISO 4217 code.</summary>
public sealed record Money(string Amount, string Currency);

public sealed record OrderLine(string? Sku, string Name, decimal Quantity, string UnitPrice, string? VatRate);

/// <param name="City">The city; in Turkey, the district (ilçe) when <paramref name="Region"/> names the province.</param>
/// <param name="Region">The province or state (Shopify <c>province</c>, WooCommerce <c>state</c>; in Turkey the il); null when the payload has none.</param>
/// <param name="TaxNumber">The buyer's tax number (a business buyer's), which makes an invoice a B2B one.</param>
public sealed record Address(string? Name, string? Line1, string? Line2, string? City, string? PostalCode, string? CountryCode, string? Region = null, string? TaxNumber = null);
