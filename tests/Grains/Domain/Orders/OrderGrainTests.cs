using OrleansShop.Grains.Orders;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Grains.Domain.Orders;

public sealed class OrderGrainTests(OneSilo silo) : IClassFixture<OneSilo>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly ClusterScope _scope = silo.Scope;

    private IOrderGrain Order(string key) => _scope.Cluster.Primary.Grains.GetGrain<IOrderGrain>($"shop-a/{key}");

    [Theory]
    [InlineData(true, true, "AwaitingSmsConfirmation")]
    [InlineData(true, false, "Confirmed")]
    [InlineData(false, true, "Received")]
    [InlineData(false, false, "Received")]
    public async Task A_new_order_starts_by_its_payment_method_and_the_shops_sms_setting(bool cod, bool sms, string expected)
    {
        var order = Order($"start-{cod}-{sms}");

        var answer = await order.ApplyAsync(OrderEvents.Created(cod, sms));

        Assert.Equal(("applied", expected), (answer.Outcome, answer.Status));
        Assert.Equal(cod, (await order.GetAsync())!.Cod);
    }

    [Fact]
    public async Task A_status_that_arrives_before_its_order_is_kept_and_applied_when_the_order_arrives()
    {
        var order = Order("early");

        var early = await order.ApplyAsync(OrderEvents.Trigger(OrderTrigger.Paid, T0.AddMinutes(5)));
        Assert.Equal(("deferred", null), (early.Outcome, early.Status));
        Assert.Null(await order.GetAsync());

        var created = await order.ApplyAsync(OrderEvents.Created(cod: false, sms: false, at: T0));

        Assert.Equal(("applied", "Paid"), (created.Outcome, created.Status));
        var history = (await order.GetAsync())!.History;
        Assert.Equal(["deferred", "applied", "applied"], history.Select(h => h.Outcome));
        Assert.Equal(["order.status_changed", "order.created", "order.status_changed"], history.Select(h => h.Event));
    }

    [Fact]
    public async Task An_event_from_before_the_orders_last_change_is_ignored_as_stale()
    {
        var order = Order("stale");
        await order.ApplyAsync(OrderEvents.Created(cod: true, sms: false, at: T0));
        await order.ApplyAsync(OrderEvents.Trigger(OrderTrigger.Paid, T0.AddHours(5)));

        var late = await order.ApplyAsync(OrderEvents.Trigger(OrderTrigger.Shipped, T0.AddHours(1)));

        Assert.Equal(("ignored", "Paid"), (late.Outcome, late.Status));
        Assert.StartsWith("stale", late.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staleness_compares_only_the_senders_own_timestamps_never_our_receipt_time()
    {
        var order = Order("clocks");
        await order.ApplyAsync(OrderEvents.Created(cod: true, sms: true)); // no timestamp: received "now"

        var confirmed = await order.ApplyAsync(OrderEvents.Trigger(OrderTrigger.SmsConfirmed)); // as the SMS grain sends it: no platform time
        var paid = await order.ApplyAsync(OrderEvents.Trigger(OrderTrigger.Paid, DateTimeOffset.UtcNow.AddMinutes(-10)));

        Assert.Equal(("applied", "Confirmed"), (confirmed.Outcome, confirmed.Status));
        Assert.Equal(("applied", "Paid"), (paid.Outcome, paid.Status));
    }

    [Fact]
    public async Task A_payment_for_another_amount_or_currency_is_rejected_with_the_reason()
    {
        var order = Order("payment");
        await order.ApplyAsync(OrderEvents.Created(cod: false, sms: false, total: "100.00", currency: "TRY"));

        var wrongAmount = await order.ApplyAsync(OrderEvents.Payment("99.99", "TRY"));
        var wrongCurrency = await order.ApplyAsync(OrderEvents.Payment("100.00", "EUR"));
        var right = await order.ApplyAsync(OrderEvents.Payment("100.0", "try"));

        Assert.Equal("rejected", wrongAmount.Outcome);
        Assert.Contains("99.99 TRY", wrongAmount.Detail, StringComparison.Ordinal);
        Assert.Equal("rejected", wrongCurrency.Outcome);
        Assert.Equal(("applied", "Paid"), (right.Outcome, right.Status));
    }

    [Theory]
    [InlineData(true, "delivered", "Paid")]
    [InlineData(false, "delivered", "Closed")]
    [InlineData(true, "returned", "NotCollected")]
    [InlineData(true, "in_transit", "Shipped")]
    public async Task A_shipment_update_means_what_the_payment_method_makes_of_it(bool cod, string shipment, string expected)
    {
        var order = Order($"ship-{cod}-{shipment}");
        await order.ApplyAsync(OrderEvents.Created(cod, sms: false));
        await order.ApplyAsync(OrderEvents.Shipment("created"));

        var answer = await order.ApplyAsync(OrderEvents.Shipment(shipment));

        Assert.Equal(expected, answer.Status);
    }

    [Fact]
    public async Task A_status_the_shop_never_mapped_is_ignored_and_says_so()
    {
        var order = Order("unmapped");
        await order.ApplyAsync(OrderEvents.Created(cod: false, sms: false));

        var answer = await order.ApplyAsync(OrderEvents.Status("wc-awaiting-pickup", trigger: null));

        Assert.Equal(("ignored", "Received"), (answer.Outcome, answer.Status));
        Assert.Contains("wc-awaiting-pickup", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_order_corrected_to_not_collected_and_back_records_each_correction()
    {
        var order = Order("corrected");
        await order.ApplyAsync(OrderEvents.Created(cod: true, sms: false));
        await order.ApplyAsync(OrderEvents.Trigger(OrderTrigger.Closed));

        Assert.Equal("NotCollected", (await order.ApplyAsync(OrderEvents.Trigger(OrderTrigger.NotCollected))).Status);
        Assert.Equal("Closed", (await order.ApplyAsync(OrderEvents.Trigger(OrderTrigger.ClosedPaid))).Status);
        Assert.Equal(4, (await order.GetAsync())!.History.Count);
    }

    [Fact]
    public async Task A_shops_orders_are_listed_newest_first_filtered_by_status_in_pages()
    {
        for (var i = 1; i <= 5; i++)
        {
            var order = _scope.Cluster.Primary.Grains.GetGrain<IOrderGrain>($"listing/{i}");
            await order.ApplyAsync(OrderEvents.Created(cod: false, sms: false, at: T0.AddMinutes(i)));
            if (i % 2 == 0)
            {
                await order.ApplyAsync(OrderEvents.Trigger(OrderTrigger.Paid));
            }
        }

        var index = _scope.Cluster.Primary.Services.GetRequiredService<OrleansShop.Storage.IGrainIndexReader>();
        var all = await index.QueryAsync(new OrleansShop.Storage.IndexQuery(OrderKeys.ByShop, "listing", 10), CancellationToken.None);
        var paid = await index.QueryAsync(new OrleansShop.Storage.IndexQuery(OrderKeys.ByShop, "listing", 10) { Tag = "Paid" }, CancellationToken.None);

        Assert.Equal(["listing/5", "listing/4", "listing/3", "listing/2", "listing/1"], all.Select(e => e.GrainKey));
        Assert.Equal(["listing/4", "listing/2"], paid.Select(e => e.GrainKey));
    }

    [Fact]
    public async Task Each_change_of_a_side_effect_is_logged_once_with_when_the_order_learnt_of_it()
    {
        var order = Order("effect-log");
        await order.ApplyAsync(OrderEvents.Created(cod: true, sms: true));

        await order.SideEffectChangedAsync(new SideEffectUpdate(SideEffectNames.Sms, "sent", T0, null));
        await order.SideEffectChangedAsync(new SideEffectUpdate(SideEffectNames.Sms, "sent", T0, null));
        await order.ApplyAsync(OrderEvents.Trigger(OrderTrigger.SmsConfirmed));

        var log = (await order.GetAsync())!.SideEffectLog;
        Assert.Equal([("sms", "pending"), ("sms", "sent"), ("sms", "confirmed")], log.Select(e => (e.Effect, e.Status)));
        Assert.True(log.Zip(log.Skip(1)).All(pair => pair.First.At <= pair.Second.At));
    }
}
