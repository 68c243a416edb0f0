using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Shipping;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Providers;
using OrleansShop.Silo.Providers.Sandbox;

namespace OrleansShop.Silo.Shipping.Labels;

/// <summary>
/// Finds what one order's shipping label says, for the API and the console alike: the receiver and
/// the amount from the order, the cargo key and carrier from its shipment grain, the sender from the
/// shop; a parcel of the sandbox carrier is marked as no real shipment. Each is read when the label is asked for; the label is made in memory and kept nowhere, so
/// the buyer's details last no longer than the order keeps them.
/// </summary>
internal sealed class ShippingLabels(IGrainFactory grains, ICarrier carrier)
{
    public async Task<LabelLookup> FindAsync(ShopSnapshot shop, string orderId)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var key = OrderKeys.For(shop.ShopId, orderId);
        if (await grains.GetGrain<IOrderGrain>(key).GetLabelFactsAsync() is not { } order)
        {
            return LabelLookup.Refused(LabelRefusal.NoOrder, $"No order '{orderId}' in shop '{shop.ShopId}'.");
        }

        if (order.ShipmentStatus == "none")
        {
            return LabelLookup.Refused(
                LabelRefusal.NoShipment,
                $"Order '{orderId}' has no shipment: an order is handed to the carrier once it is confirmed (cash on delivery) or paid (prepaid), when the shop's shipping is enabled.");
        }

        var parcel = await grains.GetGrain<IShipmentGrain>(key).GetLabelFactsAsync();
        if (!parcel.CarrierHasIt)
        {
            return LabelLookup.Refused(LabelRefusal.NoCargoKey, parcel.Status switch
            {
                "none" => $"Order '{orderId}' was not handed to the carrier through OrleansShop, so it has no cargo key here.",
                "cancelled" => $"The shipment of order '{orderId}' was cancelled: it has no label.",
                "failed" => $"The carrier has not accepted the shipment of order '{orderId}' (shipment status: failed): it has no cargo key yet.",
                _ => $"The carrier has not accepted the shipment of order '{orderId}' yet: it has no cargo key yet. Try again shortly.",
            });
        }

        return LabelLookup.Found(ShippingLabel.For(shop.Settings, order, parcel, sandbox: carrier is SandboxCarrier));
    }

    /// <summary>The label's file name: the order id's letters and digits (<c>label-10023.pdf</c>).</summary>
    public static string FileName(string orderId)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        var safe = new string([.. orderId.Where(char.IsAsciiLetterOrDigit).Take(64)]);
        return $"label-{(safe.Length > 0 ? safe : "order")}.pdf";
    }
}

/// <summary>Why there is no label.</summary>
internal enum LabelRefusal
{
    /// <summary>No such order (or not yet: its <c>order.created</c> has not arrived).</summary>
    NoOrder,

    /// <summary>The order was never handed to a carrier.</summary>
    NoShipment,

    /// <summary>The carrier has not accepted the parcel (yet), or not through OrleansShop.</summary>
    NoCargoKey,
}

/// <summary>A label, or why there is none.</summary>
internal sealed record LabelLookup(ShippingLabel? Label, LabelRefusal? Refusal, string? Detail)
{
    public static LabelLookup Found(ShippingLabel label) => new(label, null, null);

    public static LabelLookup Refused(LabelRefusal refusal, string detail) => new(null, refusal, detail);
}
