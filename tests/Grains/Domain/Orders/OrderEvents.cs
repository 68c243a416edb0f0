using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Reputation;

namespace OrleansShop.Tests.Grains.Domain.Orders;

/// <summary>Order events as the ingress makes them, for driving order grains directly.</summary>
internal static class OrderEvents
{
    private static int _sequence;

    public static OrderEvent Created(bool cod, bool sms, string total = "12990.00", string currency = "HUF", DateTimeOffset? at = null, string reference = "10023") => new()
    {
        EventId = Next(),
        Source = "test",
        Name = "order.created",
        Trigger = OrderTrigger.Created,
        OccurredAt = at,
        Order = new NewOrder
        {
            Reference = reference,
            EmailHash = new string('a', 64),
            EmailKeyVersion = 1,
            Phone = "+905321234567",
            CustomerName = "Ayşe Yılmaz",
            PaymentMethod = cod ? "cod" : "card",
            Total = new Amount(total, currency),
            PlacedAt = at,
            Policy = new OrderPolicy(cod, cod && sms ? new OrleansShop.Grains.Shops.SmsSettings(Enabled: true) : null),
        },
    };

    /// <summary>A COD order with SMS confirmation of a buyer below the shop's threshold, whose shop does <paramref name="action"/> about it.</summary>
    public static OrderEvent CreatedBelowThreshold(string action)
    {
        var created = Created(cod: true, sms: true);
        var network = new ReputationView(true, 1, 3, 25m);
        var verdict = new CodVerdict(false, action, 80, 1, 3, 25m, network, null, ["rate 25% is below the threshold 80%"]);
        return created with { Order = created.Order! with { ReputationAtCheckout = network, CodVerdict = verdict } };
    }

    public static OrderEvent Trigger(OrderTrigger trigger, DateTimeOffset? at = null) => trigger == OrderTrigger.Created
        ? Created(cod: false, sms: false, at: at)
        : trigger is OrderTrigger.SmsConfirmed or OrderTrigger.SmsExpired
            ? new() { EventId = Next(), Source = "sms", Name = trigger == OrderTrigger.SmsConfirmed ? "sms.confirmed" : "sms.expired", Trigger = trigger, OccurredAt = at } // as the SMS confirmation grain sends them
            : new() { EventId = Next(), Source = "test", Name = "order.status_changed", Trigger = trigger, RawStatus = trigger.ToString(), OccurredAt = at };

    public static OrderEvent Status(string raw, OrderTrigger? trigger, DateTimeOffset? at = null) =>
        new() { EventId = Next(), Source = "test", Name = "order.status_changed", Trigger = trigger, RawStatus = raw, OccurredAt = at };

    public static OrderEvent Shipment(string status) => new()
    {
        EventId = Next(),
        Source = "test",
        Name = "shipment.updated",
        Trigger = status is "created" or "in_transit" ? OrderTrigger.Shipped : null,
        RawStatus = status,
        ShipmentStatus = status,
    };

    public static OrderEvent Payment(string amount, string currency) => new()
    {
        EventId = Next(),
        Source = "test",
        Name = "payment.succeeded",
        Trigger = OrderTrigger.Paid,
        Payment = new PaymentFact(new Amount(amount, currency), "iyzico", "tx-1"),
    };

    private static string Next() => $"e{Interlocked.Increment(ref _sequence)}";
}
