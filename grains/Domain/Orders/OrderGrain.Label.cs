using OrleansShop.Grains.Shipping;

namespace OrleansShop.Grains.Orders;

/// <summary>The order's part in its shipping label: what it knows of the receiver, read when the label is printed.</summary>
public sealed partial class OrderGrain
{
    public Task<OrderLabelFacts?> GetLabelFactsAsync()
    {
        if (State.Details is not { } order)
        {
            return Task.FromResult<OrderLabelFacts?>(null);
        }

        // The same address and name the parcel was handed over with (HandOverToCarrier, ShipmentGrain).
        var address = order.ShippingAddress ?? order.BillingAddress;
        var facts = new OrderLabelFacts(
            order.Reference,
            address?.Name ?? order.CustomerName,
            address,
            order.Phone,
            order.Policy.Cod ? order.Total : null,
            State.SideEffects.Shipment.Status);
        return Task.FromResult<OrderLabelFacts?>(facts);
    }
}
