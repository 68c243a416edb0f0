using OrleansShop.Grains.Events;
using OrleansShop.Grains.Reputation;

namespace OrleansShop.Grains.Orders;

/// <summary>
/// The order's part in the shop's events: each fact the order records (a transition, the COD
/// verdict, the buyer's SMS answer, the parcel's progress, the review invitation) is an event for
/// the shop's endpoints, fanned out in the commit that records it. None carries the buyer's address or phone.
/// </summary>
public sealed partial class OrderGrain
{
    private readonly EventPublisher _events = new();

    protected override Task OnCommittingAsync() => _events.FlushAsync(GrainFactory, ShopId, Outbox);

    /// <summary><c>order.status_changed</c>: an applied transition, the order's arrival (from null) included.</summary>
    private void PublishStatusChanged(string? from, string to, string eventName, string? reason) =>
        _events.Add(ShopEventTypes.OrderStatusChanged, Now, new StatusChangedData(ShopId, OrderId, State.Details?.Reference, from, to, eventName, reason));

    private void PublishCodVerdict(NewOrder order)
    {
        if (order.CodVerdict is { } verdict)
        {
            _events.Add(ShopEventTypes.OrderCodVerdict, Now, new CodVerdictData(ShopId, OrderId, order.Reference, verdict));
        }
    }

    private void PublishSms(bool confirmed) =>
        _events.Add(confirmed ? ShopEventTypes.SmsConfirmed : ShopEventTypes.SmsExpired, Now, new OrderEventData(ShopId, OrderId, State.Details?.Reference));

    private void PublishShipment() =>
        _events.Add(ShopEventTypes.ShipmentUpdated, Now, new ShipmentData(ShopId, OrderId, State.Details?.Reference, State.SideEffects.Shipment));

    private void PublishReviewInvited(string? eventRef) =>
        _events.Add(ShopEventTypes.ReviewInvited, Now, new ReviewInvitedData(ShopId, OrderId, State.Details?.Reference, eventRef));

    private sealed record OrderEventData(string ShopId, string OrderId, string? Reference);

    /// <param name="Event">The event that moved the order (<c>order.created</c>, <c>order.status_changed</c>, <c>sms.confirmed</c>, <c>merchant.released</c>, …).</param>
    private sealed record StatusChangedData(string ShopId, string OrderId, string? Reference, string? From, string To, string Event, string? Reason);

    private sealed record CodVerdictData(string ShopId, string OrderId, string Reference, CodVerdict Verdict);

    private sealed record ShipmentData(string ShopId, string OrderId, string? Reference, ShipmentSideEffect Shipment);

    private sealed record ReviewInvitedData(string ShopId, string OrderId, string? Reference, string? EventRef);
}
