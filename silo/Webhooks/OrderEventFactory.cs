using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Platforms;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Shops;
using OrleansShop.Grains.Sms;
using OrleansShop.Silo.Providers;

namespace OrleansShop.Silo.Webhooks;

/// <summary>
/// A canonical event → the order grain's <see cref="OrderEvent"/>: statuses resolved through the
/// shop's map, COD decided by the shop's payment-method names, and the e-mail replaced by its
/// keyed hash — the plaintext goes no further than this class, except sealed under the cluster's
/// sealing key and bound to its order, for the providers that must be given the address.
/// </summary>
internal sealed class OrderEventFactory(EmailPseudonymizer pseudonymizer, EmailSealer sealer)
{
    public OrderEvent Create(CanonicalEvent canonical, string eventId, string source, string shopId, ShopSettings shop) => canonical switch
    {
        OrderCreated created => new OrderEvent
        {
            EventId = eventId,
            Source = source,
            Name = "order.created",
            Trigger = OrderTrigger.Created,
            OccurredAt = created.OccurredAt,
            Order = NewOrder(created, shopId, shop),
        },
        OrderStatusChanged changed => new OrderEvent
        {
            EventId = eventId,
            Source = source,
            Name = "order.status_changed",
            Trigger = StatusResolver.Resolve(changed.Status, shop.StatusMap),
            RawStatus = changed.Status,
            OccurredAt = changed.OccurredAt,
        },
        PaymentSucceeded payment => new OrderEvent
        {
            EventId = eventId,
            Source = source,
            Name = "payment.succeeded",
            Trigger = OrderTrigger.Paid,
            OccurredAt = payment.OccurredAt,
            Payment = new PaymentFact(new Amount(payment.Amount.Amount, payment.Amount.Currency), payment.Provider, payment.TransactionId),
        },
        ShipmentUpdated shipment => new OrderEvent
        {
            EventId = eventId,
            Source = source,
            Name = "shipment.updated",
            Trigger = shipment.Status is "created" or "in_transit" ? OrderTrigger.Shipped : null,
            RawStatus = shipment.Status,
            ShipmentStatus = shipment.Status,
            Shipment = new ShipmentFact(shipment.Carrier, shipment.TrackingCode, null, null),
            OccurredAt = shipment.OccurredAt,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(canonical), canonical.GetType().Name, "Unknown canonical event."),
    };

    private NewOrder NewOrder(OrderCreated created, string shopId, ShopSettings shop)
    {
        var email = pseudonymizer.Pseudonymize(created.Email);
        return new NewOrder
        {
            Reference = string.IsNullOrWhiteSpace(created.Reference) ? created.OrderId : created.Reference,
            EmailHash = email.Hash,
            EmailKeyVersion = email.KeyVersion,
            SealedEmail = sealer.Seal(created.Email.Trim(), OrderKeys.SealingContext(shopId, created.OrderId)),
            Phone = created.Phone,
            PhoneHash = PhoneNumbers.ToE164(created.Phone, CallingCodes.For(created.ShippingAddress?.CountryCode ?? created.BillingAddress?.CountryCode)) is { } e164
                ? pseudonymizer.PseudonymizePhone(e164)
                : null,
            CustomerName = created.CustomerName,
            PaymentMethod = created.PaymentMethod,
            Total = new Amount(created.Total.Amount, created.Total.Currency),
            Lines = [.. created.Lines.Select(l => new OrderLineItem(l.Sku, l.Name, l.Quantity, l.UnitPrice, l.VatRate))],
            BillingAddress = Address(created.BillingAddress),
            ShippingAddress = Address(created.ShippingAddress),
            ReviewConsent = ReviewConsent(created, shop.Reviews),
            PlacedAt = created.OccurredAt,
            Policy = new OrderPolicy(
                Cod: shop.IsCod(created.PaymentMethod),
                Sms: shop.IsCod(created.PaymentMethod) && shop.Sms.Enabled ? shop.Sms : null,
                Shipping: Shipping(shop),
                ReputationSignal: shop.IsCod(created.PaymentMethod) && ReputationProviderKeys.Of(shop) is not null,
                Invoicing: shop.Invoicing.Enabled ? shop.Invoicing : null,
                Reviews: Reviews(shop),
                Mail: shop.Mail.Enabled ? shop.Mail : null,
                WriteBack: shop.WriteBack.Enabled && PlatformNames.Platforms.Contains(shop.Webhooks.Profile)),
        };
    }

    /// <summary>
    /// The buyer's consent to a review invitation: every buyer's when the shop asks at its own
    /// checkout; else the shop's WooCommerce meta key when it names one and the order has it; else
    /// what the platform's payload says (null when it says nothing, which invites no one).
    /// </summary>
    private static bool? ReviewConsent(OrderCreated created, ReviewSettings reviews) =>
        reviews.Consent == ReviewConsents.Checkout ? true
        : reviews.ConsentMetaKey is { } key && created.Attributes.TryGetValue(key, out var value) ? ReviewConsents.IsYes(value)
        : created.ReviewConsent;

    // Without the label's sender: the label reads it from the shop when printed, so orders keep no copy of it.
    private static ShippingSettings? Shipping(ShopSettings shop) => !shop.Shipping.Enabled ? null
        : shop.Shipping.Sender is null ? shop.Shipping : shop.Shipping with { Sender = null };

    private static ReviewSettings? Reviews(ShopSettings shop) => shop.Reviews is { Enabled: true, Tsid: not null } ? shop.Reviews : null;

    private static PostalAddress? Address(Address? address) =>
        address is null ? null : new PostalAddress(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.CountryCode, address.Region, address.TaxNumber);
}
