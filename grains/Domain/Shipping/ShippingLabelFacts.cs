using OrleansShop.Grains.Orders;

namespace OrleansShop.Grains.Shipping;

/// <summary>
/// The order's part of its shipping label, read from the order each time a label is printed and
/// never stored anywhere else: the receiver's name, address and phone stay exactly as long as the
/// order keeps them (the phone is forgotten when the order ends).
/// </summary>
/// <param name="Reference">The order's reference, as the shop shows it.</param>
/// <param name="ReceiverName">The name on the shipping address, else the buyer's.</param>
/// <param name="Address">The shipping address, else the billing address: the one the parcel was handed over with.</param>
/// <param name="Phone">The buyer's phone while the order keeps it; null once it is forgotten.</param>
/// <param name="CashOnDelivery">The amount the courier collects: the total of a COD order, null for a prepaid one.</param>
/// <param name="ShipmentStatus">The order's <c>shipment.status</c>: <c>none</c> when it was never handed to a carrier.</param>
public sealed record OrderLabelFacts(string Reference, string? ReceiverName, PostalAddress? Address, string? Phone, Amount? CashOnDelivery, string ShipmentStatus);

/// <summary>The parcel's part of its shipping label, as the shipment grain has it.</summary>
/// <param name="Status">The shipment's status (<see cref="ShipmentState.Status"/>).</param>
/// <param name="CargoKey">The cargo key the carrier knows the parcel by; null before the parcel was started.</param>
/// <param name="Carrier">The carrier (<c>yurtici</c>); null before the parcel was started.</param>
public sealed record ParcelLabelFacts(string Status, string? CargoKey, string? Carrier)
{
    /// <summary>Whether the carrier has accepted the parcel under its cargo key, so a label may be printed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool CarrierHasIt => Status is "created" or "in_transit" or "delivered" or "returned";
}
