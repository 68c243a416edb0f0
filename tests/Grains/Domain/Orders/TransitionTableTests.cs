using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Reputation;
using OrleansShop.Tests.Infrastructure;
using static OrleansShop.Grains.Orders.OrderTrigger;

namespace OrleansShop.Tests.Grains.Domain.Orders;

/// <summary>Every state × trigger, through a real order grain: where the order ends and what the answer says.</summary>
public sealed class TransitionTableTests(OneSilo silo) : IClassFixture<OneSilo>
{
    // The design, written independently of TransitionTable: "-" ignored, "x" rejected, a state name applied.
    // Columns: Created, SmsConfirmed, SmsExpired, Paid, Shipped, Closed, ClosedPaid, NotCollected, Cancelled, Released, ConfirmedByHand
    private static readonly Dictionary<OrderStatus, string[]> Expected = new()
    {
        [OrderStatus.Received] = ["-", "-", "-", "Paid", "Shipped", "Closed", "Closed", "NotCollected", "Cancelled", "x", "x"],
        [OrderStatus.AwaitingSmsConfirmation] = ["-", "Confirmed", "Cancelled", "Paid", "Shipped", "Closed", "Closed", "NotCollected", "Cancelled", "x", "Confirmed"], // the platform knows better
        [OrderStatus.Held] = ["-", "-", "-", "Paid", "Shipped", "Closed", "Closed", "NotCollected", "Cancelled", "AwaitingSmsConfirmation", "Confirmed"], // so it does for a held one
        [OrderStatus.Confirmed] = ["-", "-", "-", "Paid", "Shipped", "Closed", "Closed", "NotCollected", "Cancelled", "x", "-"],
        [OrderStatus.Shipped] = ["-", "-", "-", "Paid", "-", "Closed", "Closed", "NotCollected", "x", "x", "x"],
        [OrderStatus.Paid] = ["-", "-", "-", "-", "Shipped", "Closed", "Closed", "NotCollected", "Cancelled", "x", "x"],
        [OrderStatus.Closed] = ["-", "-", "-", "-", "-", "-", "-", "NotCollected", "x", "x", "x"],
        [OrderStatus.NotCollected] = ["-", "-", "-", "Paid", "-", "Closed", "Closed", "-", "x", "x", "x"],
        [OrderStatus.Cancelled] = ["-", "-", "-", "x", "x", "x", "x", "x", "-", "x", "x"],
    };

    // How a fresh order reaches each state.
    private static readonly Dictionary<OrderStatus, (bool Cod, bool Sms, bool Hold, OrderTrigger[] Path)> Paths = new()
    {
        [OrderStatus.Received] = (false, false, false, []),
        [OrderStatus.AwaitingSmsConfirmation] = (true, true, false, []),
        [OrderStatus.Held] = (true, true, true, []),
        [OrderStatus.Confirmed] = (true, true, false, [SmsConfirmed]),
        [OrderStatus.Shipped] = (true, false, false, [Shipped]),
        [OrderStatus.Paid] = (false, false, false, [Paid]),
        [OrderStatus.Closed] = (false, false, false, [Closed]),
        [OrderStatus.NotCollected] = (true, false, false, [Shipped, NotCollected]),
        [OrderStatus.Cancelled] = (false, false, false, [Cancelled]),
    };

    private readonly ClusterScope _scope = silo.Scope;

    public static TheoryData<OrderStatus, OrderTrigger> Pairs()
    {
        var pairs = new TheoryData<OrderStatus, OrderTrigger>();
        foreach (var state in Enum.GetValues<OrderStatus>())
        {
            foreach (var trigger in Enum.GetValues<OrderTrigger>())
            {
                pairs.Add(state, trigger);
            }
        }

        return pairs;
    }

    [Fact]
    public void The_table_covers_every_state_and_every_trigger()
    {
        Assert.Equal(Enum.GetValues<OrderStatus>().Length, Expected.Count);
        Assert.All(Expected.Values, row => Assert.Equal(Enum.GetValues<OrderTrigger>().Length, row.Length));
        Assert.Equal(99, Pairs().Count);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Each_state_answers_each_trigger_as_designed(OrderStatus state, OrderTrigger trigger)
    {
        var order = _scope.Cluster.Primary.Grains.GetGrain<IOrderGrain>($"table/{state}-{trigger}");
        var (cod, sms, hold, path) = Paths[state];
        await order.ApplyAsync(hold ? OrderEvents.CreatedBelowThreshold(CodActions.Hold) : OrderEvents.Created(cod, sms));
        foreach (var step in path)
        {
            Assert.Equal("applied", (await order.ApplyAsync(OrderEvents.Trigger(step))).Outcome);
        }

        var before = (await order.GetAsync())!;
        Assert.Equal(state.ToString(), before.Status);

        var answer = await order.ApplyAsync(OrderEvents.Trigger(trigger));
        var expected = Expected[state][(int)trigger];
        var view = (await order.GetAsync())!;
        switch (expected)
        {
            case "-":
                Assert.Equal(("ignored", state.ToString()), (answer.Outcome, view.Status));
                break;
            case "x":
                Assert.Equal(("rejected", state.ToString()), (answer.Outcome, view.Status));
                Assert.False(string.IsNullOrEmpty(answer.Detail));
                break;
            default:
                Assert.Equal(("applied", expected, expected), (answer.Outcome, answer.Status, view.Status));
                break;
        }

        if (state == OrderStatus.Paid && trigger == OrderTrigger.Paid)
        {
            // The same payment reported by a second path (iyzico after the shop's own "paid") is one fact: no second entry.
            Assert.Equal(before.History.Count, view.History.Count);
            return;
        }

        var last = view.History[^1];
        Assert.Equal((answer.Outcome, answer.Detail), (last.Outcome, last.Reason));
    }
}
