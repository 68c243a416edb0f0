using System.Collections.Frozen;
using System.Globalization;
using OrleansShop.Silo.Webhooks.Payloads;

namespace OrleansShop.Silo.Webhooks.Profiles;

/// <summary>Reads Shopify's order resource (REST Admin API field names) into canonical events.</summary>
internal static class ShopifyOrder
{
    public static readonly FrozenSet<string> Topics =
        new[] { "orders/create", "orders/paid", "orders/fulfilled", "orders/cancelled", "orders/updated" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>What an order with no gateway names (a manual or zero-total order) reports as its payment method.</summary>
    public const string NoGateway = "unknown";

    /// <summary>What a payment on an order with no gateway names reports as its provider.</summary>
    public const string DefaultProvider = "shopify";

    public static OrderCreated Created(PayloadValue order) => new()
    {
        OrderId = OrderId(order),
        OccurredAt = UpdatedAt(order),
        // Shopify's name is the buyer-facing number with the shop's prefix ("#1001").
        Reference = order.Optional("name")?.AsOptionalText(PayloadLimits.MaxIdentifierLength)?.TrimStart('#') is { Length: > 0 } reference ? reference : null,
        Email = Email(order),
        Phone = order.Optional("phone")?.AsOptionalText(PayloadLimits.MaxIdentifierLength),
        CustomerName = CustomerName(order),
        PaymentMethod = FirstGateway(order) ?? NoGateway,
        Total = Total(order),
        Lines = order.Optional("line_items")?.AsArray(PayloadLimits.MaxLines).Select(Line).ToList() ?? [],
        BillingAddress = order.Optional("billing_address") is { } billing ? Address(billing) : null,
        ShippingAddress = order.Optional("shipping_address") is { } shipping ? Address(shipping) : null,
        ReviewConsent = MarketingConsent(order),
    };

    /// <summary>
    /// The buyer's e-mail marketing consent: the customer's <c>email_marketing_consent.state</c>
    /// (<c>subscribed</c> is consent; <c>not_subscribed</c>, <c>pending</c>, <c>unsubscribed</c>,
    /// <c>redacted</c> and <c>invalid</c> are not), else the order's older <c>buyer_accepts_marketing</c>;
    /// null when the order carries neither.
    /// </summary>
    private static bool? MarketingConsent(PayloadValue order)
    {
        if (order.Optional("customer")?.AsObject().Optional("email_marketing_consent") is { } consent
            && consent.AsObject().Optional("state")?.AsOptionalText(PayloadLimits.MaxIdentifierLength) is { } state)
        {
            return string.Equals(state, "subscribed", StringComparison.OrdinalIgnoreCase);
        }

        return order.Optional("buyer_accepts_marketing")?.AsBoolean();
    }

    /// <summary>
    /// <c>orders/paid</c>. The order resource carries no transaction id, so the payment is named after
    /// the order: Shopify marks an order paid once, and its retries share the event id anyway.
    /// </summary>
    public static PaymentSucceeded Paid(PayloadValue order)
    {
        var id = OrderId(order);
        return new PaymentSucceeded
        {
            OrderId = id,
            OccurredAt = UpdatedAt(order),
            Amount = Total(order),
            Provider = FirstGateway(order) ?? DefaultProvider,
            TransactionId = $"{id}:paid",
        };
    }

    public static OrderStatusChanged StatusChanged(PayloadValue order, string status) => new()
    {
        OrderId = OrderId(order),
        OccurredAt = UpdatedAt(order),
        Status = status,
    };

    /// <summary>
    /// <c>orders/updated</c> fires for any edit, so it is reduced to the one status the order now
    /// shows, most final first; an order that shows none of them yields no event. An order with
    /// <c>closed_at</c> is archived (closed): Shopify archives an order once it is fulfilled and paid,
    /// or the merchant does by hand.
    /// </summary>
    public static OrderStatusChanged? Updated(PayloadValue order)
    {
        var cancelledAt = order.Optional("cancelled_at")?.AsTimestamp();
        var closedAt = order.Optional("closed_at")?.AsTimestamp();
        var fulfillment = order.Optional("fulfillment_status")?.AsIdentifier();
        var financial = order.Optional("financial_status")?.AsIdentifier();
        string? status = (cancelledAt, fulfillment, financial) switch
        {
            ({ }, _, _) => CanonicalStatuses.Cancelled,
            _ when closedAt is not null => financial == "paid" ? CanonicalStatuses.ClosedPaid : CanonicalStatuses.Closed,
            (_, "fulfilled", _) => CanonicalStatuses.Shipped,
            (_, _, "paid") => CanonicalStatuses.Paid,
            _ => null,
        };
        return status is null ? null : StatusChanged(order, status);
    }

    private static string OrderId(PayloadValue order) =>
        order.Required("id").AsPositiveInteger().ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset? UpdatedAt(PayloadValue order) => order.Optional("updated_at")?.AsTimestamp();

    private static Money Total(PayloadValue order) => new(
        Amounts.Amount(order.Required("total_price"), NumberForm.DecimalString),
        Amounts.Currency(order.Required("currency")));

    /// <summary>The order's e-mail; Shopify leaves it empty on some orders and keeps it on the contact or customer instead.</summary>
    private static string Email(PayloadValue order)
    {
        var candidates = new[] { order.Optional("email"), order.Optional("contact_email"), order.Optional("customer")?.AsObject().Optional("email") };
        return candidates.FirstOrDefault(c => c?.AsOptionalText() is not null)?.AsEmail()
            ?? throw new WebhookPayloadException("email", "email is required.");
    }

    private static string? CustomerName(PayloadValue order)
    {
        if (order.Optional("customer") is { } customer)
        {
            customer.AsObject();
            var name = PersonName.Join(
                customer.Optional("first_name")?.AsOptionalText(),
                customer.Optional("last_name")?.AsOptionalText());
            if (name is not null)
            {
                return name;
            }
        }

        return order.Optional("billing_address")?.AsObject().Optional("name")?.AsOptionalText();
    }

    private static string? FirstGateway(PayloadValue order) =>
        order.Optional("payment_gateway_names")?.AsArray(PayloadLimits.MaxLines) is [var first, ..]
            ? first.AsIdentifier()
            : null;

    private static OrderLine Line(PayloadValue line)
    {
        line.AsObject();
        var rate = line.Optional("tax_lines")?.AsArray(PayloadLimits.MaxLines) is [var tax, ..]
            ? Amounts.VatPercent(tax.AsObject().Required("rate"), NumberForm.Number, percentPerUnit: 100m)
            : null;
        return new OrderLine(
            line.Optional("sku")?.AsOptionalText(PayloadLimits.MaxIdentifierLength),
            (line.Optional("name") ?? line.Required("title")).AsText(),
            Amounts.Quantity(line.Required("quantity"), NumberForm.Number),
            Amounts.Amount(line.Required("price"), NumberForm.DecimalString),
            rate);
    }

    /// <summary>Shopify's <c>province</c> is the region; in Turkey it is the il and <c>city</c> the ilçe.</summary>
    private static Address Address(PayloadValue address)
    {
        address.AsObject();
        return new Address(
            address.Optional("name")?.AsOptionalText(),
            address.Optional("address1")?.AsOptionalText(),
            address.Optional("address2")?.AsOptionalText(),
            address.Optional("city")?.AsOptionalText(),
            address.Optional("zip")?.AsOptionalText(PayloadLimits.MaxIdentifierLength),
            address.Optional("country_code") is { } country ? CountryCodes.Read(country) : null,
            address.Optional("province")?.AsOptionalText());
    }
}
