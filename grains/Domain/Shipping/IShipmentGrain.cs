using OrleansShop.Effects;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Grains.Shipping;

/// <summary>
/// One order's parcel. Key: the order's key, <c>{shopId}/{orderId}</c>. Creates the shipment at the
/// carrier once, polls its tracking (never faster than the carrier allows), tells the order where
/// the parcel is, and texts the buyer when the carrier has it and when it is delivered.
/// </summary>
public interface IShipmentGrain : IGrainWithStringKey
{
    /// <summary>Hands the parcel over once; later calls change nothing.</summary>
    Task StartAsync(ShipmentRequest request);

    /// <summary>The carrier's answer to <c>createShipment</c> (a reply to the outbox call).</summary>
    Task OnCreatedAsync(ExternalCallResult result);

    /// <summary>The carrier's answer to a tracking query (a reply to the outbox call).</summary>
    Task OnTrackedAsync(ExternalCallResult result);

    /// <summary>The parcel's cargo key and carrier for its shipping label, with its status. Reads only.</summary>
    Task<ParcelLabelFacts> GetLabelFactsAsync();
}

/// <param name="Phone">The buyer's phone as the order has it: for the carrier's courier and the buyer's SMS.</param>
/// <param name="CashOnDelivery">The amount the courier collects; null for a prepaid order.</param>
public sealed record ShipmentRequest(string Reference, string? CustomerName, string? Phone, PostalAddress? Address, Amount? CashOnDelivery, ShippingSettings Settings);
