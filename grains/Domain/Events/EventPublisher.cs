using System.Text.Json;
using OrleansShop.Effects;

namespace OrleansShop.Grains.Events;

/// <summary>
/// The events a grain's call produces, held until its commit: then the shop's endpoints grain is
/// asked who is subscribed, and each (event, endpoint) becomes one outbox call in the same write as
/// the fact, so an event goes out exactly when its fact is committed, and each delivery is retried
/// and dead-lettered on its own. A grain flushes it from <c>OnCommittingAsync</c>.
/// </summary>
public sealed class EventPublisher
{
    private readonly List<ShopEvent> _pending = [];

    public void Add(string type, DateTimeOffset at, object data)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(data);
        _pending.Add(new ShopEvent(type, at, JsonSerializer.SerializeToElement(data, data.GetType(), GrainJson.Options)));
    }

    /// <summary>Adds one call per (event, subscribed endpoint) to <paramref name="outbox"/>; nothing when no event is pending.</summary>
    public async Task FlushAsync(IGrainFactory grains, string shopId, IGrainOutbox outbox)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        ArgumentNullException.ThrowIfNull(outbox);
        if (_pending.Count == 0)
        {
            return;
        }

        var events = _pending.ToArray();
        var subscribers = await grains.GetGrain<IEventEndpointsGrain>(shopId).SubscribersAsync([.. events.Select(e => e.Type).Distinct()]);
        _pending.Clear();
        foreach (var shopEvent in events)
        {
            foreach (var subscriber in subscribers.Where(s => s.Types.Contains(shopEvent.Type)))
            {
                outbox.Call(EventNames.Connector, EventNames.Deliver, new EventDelivery(shopId, subscriber.EndpointId, shopEvent));
            }
        }
    }
}
