using OrleansShop.Grains.Shipping;

namespace OrleansShop.Grains.Orders;

/// <summary>The order's part in shipping: hand the parcel over once, and show where it is.</summary>
public sealed partial class OrderGrain
{
    /// <summary>
    /// A confirmed COD order, or a paid prepaid order, of a shop that ships through OrleansShop goes
    /// to the carrier: once, through the outbox, in the commit that made it ready.
    /// </summary>
    private void HandOverToCarrier(NewOrder order, OrderStatus target)
    {
        var ready = order.Policy.Cod ? target == OrderStatus.Confirmed : target == OrderStatus.Paid;
        if (!ready || order.Policy.Shipping is not { } shipping || State.SideEffects.Shipment.Status != "none")
        {
            return;
        }

        var request = new ShipmentRequest(
            order.Reference, order.CustomerName, order.Phone, order.ShippingAddress ?? order.BillingAddress, order.Policy.Cod ? order.Total : null, shipping);
        Outbox.Send<IShipmentGrain>(GetPrimaryKeyString(), shipment => shipment.StartAsync(request));
        SetShipment(State.SideEffects.Shipment with { Status = "pending", Carrier = shipping.Carrier });
    }

    /// <summary>A shipment event (from the carrier or a platform) updates the parcel's view, whatever it did to the order.</summary>
    private void NoteShipment(OrderEvent orderEvent)
    {
        if (orderEvent is { Shipment: { } parcel, ShipmentStatus: { } status })
        {
            AdvanceShipment(status, parcel, parcel.Reason);
        }
    }

    /// <summary>Moves the parcel's view forward only: a late report of an earlier stage changes nothing.</summary>
    private bool AdvanceShipment(string status, ShipmentFact? parcel, string? detail)
    {
        var shown = State.SideEffects.Shipment;
        if (ShipmentProgress.Rank(status) < ShipmentProgress.Rank(shown.Status) || (status == shown.Status && parcel is null))
        {
            return false;
        }

        SetShipment(shown with
        {
            Status = status,
            Carrier = parcel?.Carrier ?? shown.Carrier,
            TrackingCode = parcel?.TrackingCode ?? shown.TrackingCode,
            TrackingUrl = parcel?.TrackingUrl ?? shown.TrackingUrl,
            Detail = detail ?? shown.Detail,
        });
        PublishShipment();
        return true;
    }

    private void SetShipment(ShipmentSideEffect shipment) => ChangeSideEffects(State.SideEffects with { Shipment = shipment });
}
