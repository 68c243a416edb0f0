using System.Text.Json;

namespace OrleansShop.Grains.Events;

/// <summary>
/// One event as its endpoints receive it, the Standard Webhooks way: <c>{"type","timestamp","data"}</c>.
/// <paramref name="Data"/> names the shop and the order and never carries an e-mail address or a phone number.
/// </summary>
/// <param name="Timestamp">When the fact it reports was committed.</param>
[Immutable]
public sealed record ShopEvent(string Type, DateTimeOffset Timestamp, JsonElement Data);

/// <summary>
/// One (event, endpoint) delivery: the payload of one outbox call to the <see cref="EventNames.Connector"/>
/// connector, so each is retried, dead-lettered and replayed on its own, under its own <c>webhook-id</c>.
/// </summary>
public sealed record EventDelivery(string ShopId, string EndpointId, ShopEvent Event);

public static class EventNames
{
    /// <summary>The connector that posts signed events to a shop's endpoints (and its invoice callback).</summary>
    public const string Connector = "shop-callback";

    /// <summary>The connector's operation: deliver one <see cref="EventDelivery"/>.</summary>
    public const string Deliver = "event";
}
