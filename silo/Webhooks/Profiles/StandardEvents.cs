using System.Collections.Frozen;
using OrleansShop.Silo.Webhooks.Payloads;

namespace OrleansShop.Silo.Webhooks.Profiles;

/// <summary>Reads the <c>data</c> object of each canonical event type, field names as docs/http-api.md writes them.</summary>
internal static class StandardEvents
{
    private static readonly FrozenSet<string> ShipmentStatuses =
        new[] { "created", "in_transit", "delivered", "returned" }.ToFrozenSet(StringComparer.Ordinal);

    public static OrderCreated OrderCreated(PayloadValue data)
    {
        var total = data.Required("total").AsObject();
        return new OrderCreated
        {
            OrderId = data.Required("orderId").AsIdentifier(),
            OccurredAt = data.Optional("placedAt")?.AsTimestamp(),
            Reference = data.Optional("reference")?.AsOptionalText(PayloadLimits.MaxIdentifierLength),
            Email = data.Required("email").AsEmail(),
            Phone = data.Optional("phone")?.AsOptionalText(PayloadLimits.MaxIdentifierLength),
            CustomerName = data.Optional("customerName")?.AsOptionalText(),
            PaymentMethod = data.Required("paymentMethod").AsIdentifier(),
            Total = new Money(
                Amounts.Amount(total.Required("amount"), NumberForm.Either),
                Amounts.Currency(total.Required("currency"))),
            Lines = data.Optional("lines")?.AsArray(PayloadLimits.MaxLines).Select(Line).ToList() ?? [],
            BillingAddress = data.Optional("billingAddress") is { } billing ? Address(billing) : null,
            ShippingAddress = data.Optional("shippingAddress") is { } shipping ? Address(shipping) : null,
            ReviewConsent = data.Optional("reviewConsent")?.AsBoolean(),
        };
    }

    public static OrderStatusChanged OrderStatusChanged(PayloadValue data) => new()
    {
        OrderId = data.Required("orderId").AsIdentifier(),
        OccurredAt = data.Optional("changedAt")?.AsTimestamp(),
        Status = data.Required("status").AsIdentifier(),
    };

    public static PaymentSucceeded PaymentSucceeded(PayloadValue data) => new()
    {
        OrderId = data.Required("orderId").AsIdentifier(),
        Amount = new Money(
            Amounts.Amount(data.Required("amount"), NumberForm.Either),
            Amounts.Currency(data.Required("currency"))),
        Provider = data.Required("provider").AsIdentifier(),
        TransactionId = data.Required("transactionId").AsIdentifier(),
    };

    public static ShipmentUpdated ShipmentUpdated(PayloadValue data)
    {
        var orderId = data.Required("orderId").AsIdentifier();
        var status = data.Required("status");
        var statusName = status.AsIdentifier();
        return new ShipmentUpdated
        {
            OrderId = orderId,
            Carrier = data.Required("carrier").AsIdentifier(),
            TrackingCode = data.Required("trackingCode").AsIdentifier(),
            Status = ShipmentStatuses.Contains(statusName) ? statusName : throw status.Fail("is not created, in_transit, delivered or returned."),
        };
    }

    private static OrderLine Line(PayloadValue line)
    {
        line.AsObject();
        return new OrderLine(
            line.Optional("sku")?.AsOptionalText(PayloadLimits.MaxIdentifierLength),
            line.Required("name").AsText(),
            Amounts.Quantity(line.Required("quantity"), NumberForm.Either),
            Amounts.Amount(line.Required("unitPrice"), NumberForm.Either),
            line.Optional("vatRate") is { } rate ? Amounts.VatPercent(rate, NumberForm.Either) : null);
    }

    private static Address Address(PayloadValue address)
    {
        address.AsObject();
        return new Address(
            address.Optional("name")?.AsOptionalText(),
            address.Optional("line1")?.AsOptionalText(),
            address.Optional("line2")?.AsOptionalText(),
            address.Optional("city")?.AsOptionalText(),
            address.Optional("postalCode")?.AsOptionalText(PayloadLimits.MaxIdentifierLength),
            address.Optional("countryCode") is { } country ? CountryCodes.Read(country) : null,
            address.Optional("region")?.AsOptionalText(),
            address.Optional("taxNumber")?.AsOptionalText(PayloadLimits.MaxIdentifierLength));
    }
}
