using System.Globalization;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Shipping;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Shipping.Labels;

/// <summary>
/// What one parcel's label says (docs/http-api.md, Shipping label): the cargo key as a barcode and
/// in text, the carrier, the order's reference, the sender, the receiver and the amount the courier
/// collects. Made when the label is asked for, from the order, the shipment and the shop as they are
/// then, and kept nowhere.
/// </summary>
/// <param name="CashOnDelivery">What the courier collects, as printed (<c>349.90 TRY</c>); null for a prepaid order.</param>
/// <param name="Sandbox">Whether the parcel is the sandbox carrier's: the label says it is not a real shipment.</param>
public sealed record ShippingLabel(
    string CargoKey,
    string Carrier,
    string Reference,
    LabelParty Sender,
    LabelParty Receiver,
    string? CashOnDelivery,
    bool Sandbox)
{
    /// <summary>The label of a parcel the carrier has accepted (<see cref="ParcelLabelFacts.CarrierHasIt"/>).</summary>
    public static ShippingLabel For(ShopSettings shop, OrderLabelFacts order, ParcelLabelFacts parcel, bool sandbox)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(parcel);
        var sender = shop.Shipping.Sender;
        var address = order.Address;
        return new ShippingLabel(
            parcel.CargoKey ?? throw new ArgumentException("The parcel has no cargo key yet.", nameof(parcel)),
            CarrierName(parcel.Carrier ?? shop.Shipping.Carrier),
            order.Reference,
            new LabelParty(
                Printable(sender?.Name ?? shop.Name),
                Lines([sender?.Address, Joined(sender?.PostalCode, sender?.City), sender?.CountryCode]),
                sender?.Phone is { } senderPhone ? Printable(senderPhone) : null),
            new LabelParty(
                Printable(order.ReceiverName ?? string.Empty),
                Lines([address?.Line1, address?.Line2, Joined(address?.PostalCode, address?.City), address?.Region, address?.CountryCode]),
                order.Phone is { } phone ? Printable(phone) : null),
            order.CashOnDelivery is { } cod ? Money(cod) : null,
            sandbox);
    }

    /// <summary>An amount as the label prints it: two decimals with a point, then the currency (<c>349.90 TRY</c>).</summary>
    public static string Money(Amount amount)
    {
        ArgumentNullException.ThrowIfNull(amount);
        return $"{decimal.Parse(amount.Value, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture)} {amount.Currency}";
    }

    /// <summary>The carrier's name as couriers know it.</summary>
    public static string CarrierName(string carrier) => carrier switch
    {
        "yurtici" => "Yurtiçi Kargo",
        _ => carrier,
    };

    private static string? Joined(string? first, string? second) =>
        string.Join(' ', new[] { first, second }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim())) is { Length: > 0 } joined ? joined : null;

    /// <summary>The non-blank lines, a line break in one making two, any other control character a space (platforms' addresses may carry them).</summary>
    private static string[] Lines(IEnumerable<string?> lines) =>
        [.. lines.SelectMany(l => (l ?? string.Empty).ReplaceLineEndings("\n").Split('\n')).Select(Printable).Where(l => l.Length > 0)];

    private static string Printable(string text) => new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
}

/// <summary>A sender or receiver as printed: a name, address lines, a phone when known.</summary>
public sealed record LabelParty(string Name, IReadOnlyList<string> Lines, string? Phone);
