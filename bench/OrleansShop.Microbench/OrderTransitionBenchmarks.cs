using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OrleansShop.Effects;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Reputation;
using OrleansShop.Silo.Webhooks;
using OrleansShop.Silo.Webhooks.Profiles;

namespace OrleansShop.Microbench;

/// <summary>
/// The pure part of an order's two first events, without a grain: <c>order.created</c> and then
/// <c>order.status_changed</c> to shipped made into the grain's <see cref="OrderEvent"/>s (the
/// ingress's <see cref="OrderEventFactory"/>: status map, COD policy, e-mail hash and seal), the
/// transition table's verdict, and the order's <see cref="GrainRecord{TState}"/> after both, as the
/// grain storage writes it (<see cref="JsonGrainStorageSerializer"/>, <see cref="GrainJson"/>) and
/// reads it on activation.
/// </summary>
[MemoryDiagnoser]
public class OrderTransitionBenchmarks
{
    private const string CreatedId = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private const string ShippedId = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4X";

    private readonly OrderEventFactory _factory = new(Payloads.Pseudonymizer, Payloads.Sealer);
    private readonly JsonGrainStorageSerializer _serializer = new();

    // Fields, not constants, so the lookup is not folded away.
    private readonly OrderStatus _confirmed = OrderStatus.Confirmed;
    private readonly OrderTrigger _shippedTrigger = OrderTrigger.Shipped;
    private CanonicalEvent _created = null!;
    private CanonicalEvent _shipped = null!;
    private GrainRecord<OrderState> _record = null!;
    private BinaryData _recordJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        var standard = WebhookProfiles.Find(WebhookProfileNames.Standard)!;
        _created = standard.Map(Payloads.Request(Payloads.StandardOrderCreated, ("webhook-id", CreatedId))).Event!;
        _shipped = standard.Map(Payloads.Request(Payloads.StandardOrderShipped, ("webhook-id", ShippedId))).Event!;
        _record = OrderRecord(OrderCreatedEvent(), _factory.Create(_shipped, ShippedId, WebhookProfileNames.Standard, Payloads.ShopId, Payloads.CodShop));
        _recordJson = SerializeOrderRecord();
        Payloads.Check(StatusChangedTransition() is { Verdict: Verdict.Apply, Target: OrderStatus.Shipped }, "a confirmed COD order ships");
        Payloads.Check(DeserializeOrderRecord() is { State.Status: OrderStatus.Shipped, State.History.Count: 2 }, "the record reads back");
        Console.WriteLine($"// order record: {_recordJson.ToMemory().Length} bytes of JSON");
    }

    /// <summary><c>order.created</c> → the grain's event: COD policy, e-mail hash and seal, lines and addresses copied.</summary>
    [Benchmark]
    public OrderEvent OrderCreatedEvent() =>
        _factory.Create(_created, CreatedId, WebhookProfileNames.Standard, Payloads.ShopId, Payloads.CodShop);

    /// <summary><c>order.status_changed</c> shipped → the grain's event (through the shop's status map) → the table's verdict for a confirmed order.</summary>
    [Benchmark]
    public Rule StatusChangedTransition()
    {
        var shipped = _factory.Create(_shipped, ShippedId, WebhookProfileNames.Standard, Payloads.ShopId, Payloads.CodShop);
        return TransitionTable.Decide(_confirmed, shipped.Trigger!.Value);
    }

    /// <summary>The table lookup alone.</summary>
    [Benchmark]
    public Rule TransitionTableDecide() => TransitionTable.Decide(_confirmed, _shippedTrigger);

    /// <summary>The record after both events as the grain storage writes it.</summary>
    [Benchmark]
    public BinaryData SerializeOrderRecord() => _serializer.Serialize(_record);

    /// <summary>The same record read back, as an activation reads it.</summary>
    [Benchmark]
    public GrainRecord<OrderState>? DeserializeOrderRecord() => _serializer.Deserialize<GrainRecord<OrderState>>(_recordJson);

    /// <summary>
    /// What <see cref="OrderGrain"/> writes for this shop after the two events (COD, no SMS, no
    /// integrations, so no effect is pending and the sealed address is already dropped): two history
    /// entries, two answered deliveries in the inbox, the order's row of the shop's index.
    /// </summary>
    private static GrainRecord<OrderState> OrderRecord(OrderEvent created, OrderEvent shipped)
    {
        var createdAt = created.Order!.PlacedAt!.Value;
        var shippedAt = shipped.OccurredAt!.Value;
        var order = created.Order with { SealedEmail = null, ReputationAtCheckout = new ReputationView(true, 3, 1, 75m) };
        var state = new OrderState
        {
            Status = OrderStatus.Shipped,
            Details = order,
            CreatedAt = createdAt,
            UpdatedAt = shippedAt,
            LastChangeAt = shippedAt,
            History =
            [
                new HistoryEntry(createdAt, created.Name, created.EventId, null, nameof(OrderStatus.Confirmed), "applied", null, created.OccurredAt),
                new HistoryEntry(shippedAt, shipped.Name, shipped.EventId, nameof(OrderStatus.Confirmed), nameof(OrderStatus.Shipped), "applied", null, shipped.OccurredAt),
            ],
        };
        var summary = new OrderSummary("SO-2024-000917", order.Reference, nameof(OrderStatus.Shipped), true, new AmountView(order.Total.Value, order.Total.Currency), createdAt, shippedAt);
        var record = new GrainRecord<OrderState> { State = state, Revision = 2, IndexedRevision = 2 };
        foreach (var (orderEvent, at, status) in new[] { (created, createdAt, OrderStatus.Confirmed), (shipped, shippedAt, OrderStatus.Shipped) })
        {
            var answer = new EventAnswer(orderEvent.EventId, "SO-2024-000917", status.ToString(), "applied", null);
            record.Inbox[$"webhook/{Payloads.ShopId}/standard/{orderEvent.EventId}"] = new InboxEntry(at, JsonSerializer.Serialize(answer, GrainJson.Options));
        }

        record.Index[$"{OrderKeys.ByShop}/{Payloads.ShopId}"] = new IndexRow(
            OrderKeys.ByShop, Payloads.ShopId, $"2024-05-02T10:15:30.000Z|SO-2024-000917", nameof(OrderStatus.Shipped),
            JsonSerializer.Serialize(summary, GrainJson.Options), false, 2);
        return record;
    }
}
