namespace OrleansShop.Grains.Orders;

/// <summary>
/// One event for one order, as the ingress resolved it: the trigger (null when the shop's status
/// means nothing to OrleansShop), when it happened, and the details a trigger needs. Immutable for
/// Orleans (passed by reference within a silo): a sender does not touch it after the call.
/// </summary>
[Immutable]
public sealed record OrderEvent
{
    /// <summary>The delivery's dedup key (Standard Webhooks' webhook-id, Shopify's topic + event id, …).</summary>
    public required string EventId { get; init; }

    /// <summary>Where it came from: a webhook profile, <c>sms</c> (the buyer's reply or its expiry), <c>merchant</c> (a decision by hand).</summary>
    public required string Source { get; init; }

    /// <summary>The canonical event name for the history (<c>order.created</c>, <c>order.status_changed</c>, …).</summary>
    public required string Name { get; init; }

    public OrderTrigger? Trigger { get; init; }

    /// <summary>The platform's own status, when the event carried one.</summary>
    public string? RawStatus { get; init; }

    /// <summary>
    /// When the change happened by the sender's own clock (a platform's timestamp), or null. Only
    /// these are compared for staleness: our receipt times and other systems' clocks never are.
    /// </summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>For <see cref="OrderTrigger.Created"/>.</summary>
    public NewOrder? Order { get; init; }

    /// <summary>For a payment: checked against the order's total.</summary>
    public PaymentFact? Payment { get; init; }

    /// <summary>For a shipment: <c>delivered</c> and <c>returned</c> mean different triggers for COD and prepaid orders.</summary>
    public string? ShipmentStatus { get; init; }

    /// <summary>For a shipment: the carrier's parcel, shown in the order view.</summary>
    public ShipmentFact? Shipment { get; init; }

    /// <summary>For a decision made by hand: the person's reason, kept in the history.</summary>
    public string? Note { get; init; }
}

public sealed record NewOrder
{
    public required string Reference { get; init; }

    public required string EmailHash { get; init; }

    public required int EmailKeyVersion { get; init; }

    /// <summary>
    /// The address itself, sealed with <see cref="Privacy.EmailSealer"/> and bound to this order
    /// (<see cref="OrderKeys.SealingContext"/>), for the providers that must be given it (invoice,
    /// review invitation, upstream reputation signal). Dropped when none of them needs it any more.
    /// </summary>
    public string? SealedEmail { get; init; }

    public string? Phone { get; init; }

    /// <summary>
    /// The buyer's phone in E.164, keyed-hashed like the e-mail (<see cref="Privacy.EmailPseudonymizer.PseudonymizePhone"/>):
    /// how the shop's call-in status finds a caller's latest order. Kept after <see cref="Phone"/> is forgotten.
    /// </summary>
    public string? PhoneHash { get; init; }

    public string? CustomerName { get; init; }

    public required string PaymentMethod { get; init; }

    public required Amount Total { get; init; }

    public IReadOnlyList<OrderLineItem> Lines { get; init; } = [];

    public PostalAddress? BillingAddress { get; init; }

    public PostalAddress? ShippingAddress { get; init; }

    public bool? ReviewConsent { get; init; }

    public DateTimeOffset? PlacedAt { get; init; }

    /// <summary>The buyer's network record when the order arrived (docs/http-api.md's <c>reputationAtCheckout</c>).</summary>
    public Reputation.ReputationView? ReputationAtCheckout { get; init; }

    /// <summary>For a COD order: the decision on the buyer, made by the ingress as the order arrived (docs/http-api.md's <c>codVerdict</c>).</summary>
    public Reputation.CodVerdict? CodVerdict { get; init; }

    /// <summary>Decided from the shop's settings when the order arrives.</summary>
    public required OrderPolicy Policy { get; init; }
}

public sealed record Amount(string Value, string Currency)
{
    public bool SameAs(Amount other) =>
        decimal.Parse(Value, System.Globalization.CultureInfo.InvariantCulture) == decimal.Parse(other.Value, System.Globalization.CultureInfo.InvariantCulture)
        && string.Equals(Currency, other.Currency, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Value} {Currency}";
}

/// <param name="Amount">What was paid; null when the provider's notification does not say (iyzico's do not).</param>
public sealed record PaymentFact(Amount? Amount, string Provider, string TransactionId);

/// <param name="Reason">Why a parcel came back (the buyer refused it, …), when it did.</param>
public sealed record ShipmentFact(string Carrier, string? TrackingCode, string? TrackingUrl, string? Reason);

public sealed record OrderLineItem(string? Sku, string Name, decimal Quantity, string UnitPrice, string? VatRate);

/// <param name="City">The city; in Turkey, the district (ilçe) when <paramref name="Region"/> names the province.</param>
/// <param name="Region">The province or state (in Turkey the il); null when the platform did not say. Last and optional: state stored before it existed reads as null.</param>
/// <param name="TaxNumber">A business buyer's tax number, for the invoice.</param>
public sealed record PostalAddress(string? Name, string? Line1, string? Line2, string? City, string? PostalCode, string? CountryCode, string? Region = null, string? TaxNumber = null);

/// <summary>What the shop's settings say about a new order, decided when it arrives.</summary>
/// <param name="Sms">The shop's SMS settings when this COD order must be confirmed by SMS; null otherwise.</param>
/// <param name="Shipping">The shop's shipping settings when it hands its parcels to a carrier through OrleansShop; null otherwise.</param>
/// <param name="ReputationSignal">Whether this COD order's outcome is signalled to the shop's upstream reputation provider.</param>
/// <param name="Invoicing">The shop's invoicing settings when it invoices through OrleansShop; null otherwise.</param>
/// <param name="Reviews">The shop's Trusted Shops settings when it invites buyers to review; null otherwise.</param>
/// <param name="Mail">The shop's buyer e-mail settings when it e-mails its buyers; null otherwise.</param>
/// <param name="WriteBack">Whether the order's facts are written back to the shop's platform (<c>writeBack.enabled</c> on a platform's webhook profile).</param>
public sealed record OrderPolicy(
    bool Cod,
    Shops.SmsSettings? Sms,
    Shops.ShippingSettings? Shipping = null,
    bool ReputationSignal = false,
    Shops.InvoicingSettings? Invoicing = null,
    Shops.ReviewSettings? Reviews = null,
    Shops.MailSettings? Mail = null,
    bool WriteBack = false)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool SmsConfirmation => Sms is not null;
}

/// <summary>The answer to one event (docs/http-api.md, Webhooks: answers).</summary>
/// <param name="Outcome"><c>applied</c>, <c>ignored</c>, <c>rejected</c>, or <c>deferred</c> (the order does not exist yet).</param>
[Immutable]
public sealed record EventAnswer(string EventId, string OrderId, string? Status, string Outcome, string? Detail);
