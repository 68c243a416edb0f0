using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using OrleansShop.Silo.Webhooks.Payloads;

namespace OrleansShop.Silo.Webhooks.Profiles;

/// <summary>
/// Reads Ideasoft's order webhook (V8 field names from Ideasoft's webhook documentation: <c>id</c>,
/// <c>customerEmail</c>, <c>finalAmount</c>, <c>orderItems</c>, ...). Ideasoft sends only the fields
/// that changed, so an update may carry little more than <c>id</c>.
/// UNCONFIRMED: the documentation names the fields but not their types or the shape of addresses and
/// items; the types here follow third-party clients of the Admin API (ids and amounts as numbers).
/// Where a shape is unconfirmed and the field optional, a value of another shape is ignored rather
/// than refused, since a refusal ends in Ideasoft deleting the subscription.
/// </summary>
internal static class IdeasoftOrder
{
    public const string CreatedTopic = "order/create";
    public const string UpdatedTopic = "order/update";

    /// <summary>
    /// Ideasoft's order statuses with an unambiguous canonical meaning: <c>fulfilled</c> is its
    /// "Kargoya verildi" (handed to the carrier). UNCONFIRMED: the status values come from third-party
    /// clients, not Ideasoft's published documentation. The rest (<c>delivered</c>, <c>approved</c>,
    /// <c>refunded</c>, <c>personal_status_1</c>, ...) pass through for the shop's status map:
    /// whether <c>delivered</c> means collected depends on a payment type an update does not carry.
    /// </summary>
    private static readonly FrozenDictionary<string, string> CanonicalByStatus = new Dictionary<string, string>
    {
        ["fulfilled"] = CanonicalStatuses.Shipped,
        ["cancelled"] = CanonicalStatuses.Cancelled,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Turkish shops' currency as Ideasoft may write it, mapped to ISO 4217 (UNCONFIRMED which one it sends).</summary>
    private static readonly FrozenDictionary<string, string> CurrencyAliases =
        new Dictionary<string, string> { ["TL"] = "TRY" }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Order id, <c>updatedAt</c> and status; the topic too, since a create and an update may share the
    /// other three. An update without <c>updatedAt</c> falls back to the body's fingerprint, which
    /// still recognises a retry of the same delivery.
    /// </summary>
    public static string DedupKey(string topic, PayloadValue order, ReadOnlyMemory<byte> body)
    {
        var updatedAt = order.Optional("updatedAt");
        updatedAt?.AsTimestamp();
        var status = order.Optional("status")?.AsIdentifier();
        return $"{topic}|{OrderId(order)}|{updatedAt?.AsIdentifier() ?? JsonPayload.Fingerprint(body)}|{status}";
    }

    public static OrderCreated Created(PayloadValue order) => new()
    {
        OrderId = OrderId(order),
        OccurredAt = (order.Optional("createdAt") ?? order.Optional("updatedAt"))?.AsTimestamp(),
        Email = order.Required("customerEmail").AsEmail(),
        Phone = order.Optional("customerPhone")?.AsOptionalText(PayloadLimits.MaxIdentifierLength),
        CustomerName = PersonName.Join(
            order.Optional("customerFirstname")?.AsOptionalText(),
            order.Optional("customerSurname")?.AsOptionalText()),
        PaymentMethod = order.Required("paymentTypeName").AsIdentifier(),
        Total = new Money(Amounts.Amount(order.Required("finalAmount"), NumberForm.Either), Currency(order.Required("currency"))),
        Lines = order.Optional("orderItems")?.AsArray(PayloadLimits.MaxLines).Select(Line).ToList() ?? [],
        BillingAddress = order.Optional("billingAddress") is { } billing ? Address(billing) : null,
        ShippingAddress = order.Optional("shippingAddress") is { } shipping ? Address(shipping) : null,
    };

    /// <summary>An update that carries a status is a status change; one that does not (a tracking code, a note) carries nothing for us.</summary>
    public static OrderStatusChanged? Updated(PayloadValue order)
    {
        if (order.Optional("status")?.AsIdentifier() is not { } status)
        {
            return null;
        }

        return new OrderStatusChanged
        {
            OrderId = OrderId(order),
            OccurredAt = order.Optional("updatedAt")?.AsTimestamp(),
            Status = CanonicalByStatus.GetValueOrDefault(status, status),
        };
    }

    private static string OrderId(PayloadValue order) =>
        order.Required("id").AsPositiveInteger().ToString(CultureInfo.InvariantCulture);

    private static string Currency(PayloadValue value) =>
        value.Element.ValueKind == JsonValueKind.String && CurrencyAliases.TryGetValue(value.AsIdentifier(), out var iso)
            ? iso
            : Amounts.Currency(value);

    private static OrderLine Line(PayloadValue item)
    {
        item.AsObject();
        return new OrderLine(
            item.Optional("productSku")?.AsOptionalText(PayloadLimits.MaxIdentifierLength),
            item.Required("productName").AsText(),
            Amounts.Quantity(item.Required("productQuantity"), NumberForm.Either),
            Amounts.Amount(item.Required("productPrice"), NumberForm.Either),
            // A percentage (18, 20), as Ideasoft's products carry their tax rate.
            item.Optional("productTax") is { } tax ? Amounts.VatPercent(tax, NumberForm.Either) : null);
    }

    /// <summary>
    /// UNCONFIRMED shape (Admin API's order address field names); fields of another shape are ignored.
    /// <c>location</c> is the il, the region, and <c>subLocation</c> the ilçe, the city.
    /// </summary>
    private static Address? Address(PayloadValue address)
    {
        if (!address.IsObject)
        {
            return null;
        }

        return new Address(
            PersonName.Join(LenientText(address, "firstname"), LenientText(address, "surname")),
            LenientText(address, "address"),
            Line2: null,
            LenientText(address, "subLocation"),
            LenientText(address, "zipCode"),
            CountryCode: null, // Ideasoft writes a country name, not an ISO code.
            LenientText(address, "location"));
    }

    private static string? LenientText(PayloadValue address, string name)
    {
        if (address.Optional(name) is not { Element.ValueKind: JsonValueKind.String } value)
        {
            return null;
        }

        try
        {
            return value.AsOptionalText();
        }
        catch (WebhookPayloadException)
        {
            return null;
        }
    }
}
