using System.Globalization;
using OrleansShop.Silo.Webhooks.Payloads;

namespace OrleansShop.Silo.Webhooks.Profiles;

/// <summary>Reads WooCommerce's order resource (REST API v3 field names) into canonical events.</summary>
internal static class WooCommerceOrder
{
    public const string CreatedTopic = "order.created";
    public const string UpdatedTopic = "order.updated";

    /// <summary>The payment method id of WooCommerce's built-in cash-on-delivery gateway.</summary>
    public const string CashOnDelivery = "cod";

    /// <summary>What a zero-total order, which WooCommerce saves without a payment method, reports instead.</summary>
    public const string NoPaymentMethod = "unknown";

    /// <summary>
    /// WooCommerce has no event id and its delivery id is new per delivery, so a change is identified by
    /// the order's id, modification time and status. The topic is part of the key because
    /// <c>order.created</c> and <c>order.updated</c> often fire for the same save and mean different things.
    /// </summary>
    public static string DedupKey(string topic, PayloadValue order)
    {
        var modified = order.Optional("date_modified") ?? order.Required("date_modified_gmt");
        modified.AsTimestamp();
        return $"{topic}|{OrderId(order)}|{modified.AsIdentifier()}|{Status(order)}";
    }

    public static OrderCreated Created(PayloadValue order)
    {
        var billing = order.Required("billing").AsObject();
        return new OrderCreated
        {
            OrderId = OrderId(order),
            OccurredAt = ModifiedAt(order),
            Reference = order.Optional("number")?.AsOptionalText(PayloadLimits.MaxIdentifierLength),
            Email = billing.Required("email").AsEmail(),
            Phone = billing.Optional("phone")?.AsOptionalText(PayloadLimits.MaxIdentifierLength),
            CustomerName = PersonName.Join(
                billing.Optional("first_name")?.AsOptionalText(),
                billing.Optional("last_name")?.AsOptionalText()),
            PaymentMethod = PaymentMethod(order) ?? NoPaymentMethod,
            Total = new Money(
                Amounts.Amount(order.Required("total"), NumberForm.DecimalString),
                Amounts.Currency(order.Required("currency"))),
            Lines = order.Optional("line_items")?.AsArray(PayloadLimits.MaxLines).Select(Line).ToList() ?? [],
            BillingAddress = Address(billing),
            ShippingAddress = order.Optional("shipping") is { } shipping ? Address(shipping) : null,
            Attributes = MetaData(order),
        };
    }

    /// <summary>
    /// The order's <c>meta_data</c> entries whose value is text, a number or a boolean, as text by
    /// key (a later entry of a key wins, as WooCommerce's <c>get_meta</c> reads the last): what a
    /// shop's checkout plugins record, such as a review-consent checkbox. Other values are skipped.
    /// </summary>
    private static Dictionary<string, string> MetaData(PayloadValue order)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in order.Optional("meta_data")?.AsArray(PayloadLimits.MaxAttributes) ?? [])
        {
            var fields = entry.AsObject();
            if (fields.Optional("key")?.AsOptionalText(PayloadLimits.MaxIdentifierLength) is not { } key || fields.Optional("value") is not { } value)
            {
                continue;
            }

            var text = value.Element.ValueKind switch
            {
                System.Text.Json.JsonValueKind.String => value.Element.GetString(),
                System.Text.Json.JsonValueKind.Number => value.Element.GetRawText(),
                System.Text.Json.JsonValueKind.True => "true",
                System.Text.Json.JsonValueKind.False => "false",
                _ => null,
            };
            if (text is { Length: <= PayloadLimits.MaxIdentifierLength })
            {
                attributes[key] = text;
            }
        }

        return attributes;
    }

    /// <summary>
    /// <c>order.updated</c> as a status change. A COD order is <c>processing</c> from the moment it is
    /// placed, so only a prepaid order's <c>processing</c> means paid, and a COD order's
    /// <c>completed</c> means the money was collected. Statuses the map does not know (extensions')
    /// pass through for the shop's status map.
    /// </summary>
    public static OrderStatusChanged? Updated(PayloadValue order)
    {
        var cod = PaymentMethod(order) == CashOnDelivery;
        string? status = Status(order) switch
        {
            "processing" => cod ? null : CanonicalStatuses.Paid,
            "completed" => cod ? CanonicalStatuses.ClosedPaid : CanonicalStatuses.Closed,
            "cancelled" or "failed" or "refunded" => CanonicalStatuses.Cancelled,
            "pending" or "on-hold" => null,
            var other => other,
        };
        return status is null ? null : new OrderStatusChanged
        {
            OrderId = OrderId(order),
            OccurredAt = ModifiedAt(order),
            Status = status,
        };
    }

    private static string OrderId(PayloadValue order) =>
        order.Required("id").AsPositiveInteger().ToString(CultureInfo.InvariantCulture);

    private static string Status(PayloadValue order) => order.Required("status").AsIdentifier();

    private static string? PaymentMethod(PayloadValue order) =>
        order.Optional("payment_method")?.AsOptionalText(PayloadLimits.MaxIdentifierLength);

    /// <summary><c>date_modified_gmt</c> is UTC without an offset; <c>date_modified</c> is site time, read as UTC only when it is all there is.</summary>
    private static DateTimeOffset? ModifiedAt(PayloadValue order) =>
        (order.Optional("date_modified_gmt") ?? order.Optional("date_modified"))?.AsTimestamp();

    private static OrderLine Line(PayloadValue line)
    {
        line.AsObject();
        return new OrderLine(
            line.Optional("sku")?.AsOptionalText(PayloadLimits.MaxIdentifierLength),
            line.Required("name").AsText(),
            Amounts.Quantity(line.Required("quantity"), NumberForm.Number),
            Amounts.Amount(line.Required("price"), NumberForm.Number),
            VatRate: null);
    }

    /// <summary>WooCommerce's <c>state</c> is the region; in Turkey it is the il's plate code (<c>TR34</c>) and <c>city</c> the ilçe.</summary>
    private static Address Address(PayloadValue address)
    {
        address.AsObject();
        var country = address.Optional("country") is { } code ? CountryCodes.Read(code) : null;
        var state = address.Optional("state")?.AsOptionalText(PayloadLimits.MaxIdentifierLength);
        return new Address(
            PersonName.Join(address.Optional("first_name")?.AsOptionalText(), address.Optional("last_name")?.AsOptionalText()),
            address.Optional("address_1")?.AsOptionalText(),
            address.Optional("address_2")?.AsOptionalText(),
            address.Optional("city")?.AsOptionalText(),
            address.Optional("postcode")?.AsOptionalText(PayloadLimits.MaxIdentifierLength),
            country,
            country == "TR" && state is not null ? TurkishProvinces.FromStateCode(state) ?? state : state);
    }
}
